/**
 * The session's rubric as the desk shows it: the criteria's wording beside their codes (feedback tags, toasts,
 * the shift summary). Fetched once per page (catalog.rubric), and only while scores may be shown (an exam keeps everything
 * score-related hidden until the trainer releases it).
 */
import { useEffect, useState } from 'react';
import type { TraineeView } from '../../../server/src/domain/projection.js';
import { catalog as catalogApi, type RubricInfo } from '../api/rest.js';
import { localized } from '../i18n/index.js';

/** Scores, feedback and their wording are hidden in an exam until released. */
export const scoresHidden = (view: TraineeView | undefined) => !view || (view.session.mode === 'exam' && !view.session.feedbackReleased);

/**
 * The rubric the desk words criteria from. A trainee's view does not carry its session's rubric version (staff
 * only, like the seed): the version new sessions get by default is asked for. The wording of a criterion is the same in every
 * version; a criterion only another version grades keeps its bare code.
 */
const TRAINEE_RUBRIC = 'v1';

export function useRubric(view: TraineeView | undefined): RubricInfo | undefined {
  const hidden = scoresHidden(view);
  const [rubric, setRubric] = useState<RubricInfo>();
  useEffect(() => {
    if (hidden) return;
    let live = true;
    catalogApi.rubric(TRAINEE_RUBRIC).then((r) => live && setRubric(r), () => undefined);
    return () => { live = false; };
  }, [hidden]);
  return rubric;
}

/** A criterion's wording in the reader's language: the full one (REAC) or the short one; '' when unknown. */
export function criterionWording(rubric: RubricInfo | undefined, id: string, lang: string, form: 'label' | 'short' = 'label'): string {
  const c = rubric?.criteria?.find((x) => x.id === id);
  return localized(form === 'short' ? (c?.short ?? c?.label) : c?.label, lang);
}
