/** Catalogue and staff-name labels for the staff screens (fetched once per page load). */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RubricInfo } from '../../../../server/src/protocol.js';
import { catalog, type TraineeCatalog } from '../../api/rest.js';
import { staffApi } from './api.js';
import { catalogLabels, contactLabels, type ContactLabelsSource, type StaffLabels } from './labels.js';

let reference: Promise<TraineeCatalog> | undefined;
const NONE: ContactLabelsSource[] = [];
const NOBODY: Record<string, string> = {};

/** The desk's reference catalogue (questions, tests, categories, groups, contracts); no answer key in it. */
export function useReferenceCatalog(): TraineeCatalog | undefined {
  const [cat, setCat] = useState<TraineeCatalog>();
  useEffect(() => {
    let live = true;
    (reference ??= catalog.reference()).then((c) => { if (live) setCat(c); }, () => { reference = undefined; });
    return () => { live = false; };
  }, []);
  return cat;
}

type Wording = Record<string, RubricInfo['criteria'][number]['label']>;

/**
 * Each criterion's wording ({fr, en}, by criterion id) under the rubric versions named, fetched once per version and
 * page load (public rubric material); undefined until they have come.
 */
export function useCriterionWording(versions: readonly string[]): Wording | undefined {
  const [wording, setWording] = useState<Wording>();
  const key = [...versions].sort().join(',');
  useEffect(() => {
    let live = true;
    const fetched = key.split(',').filter(Boolean).map((v) => catalog.rubric(v));
    Promise.allSettled(fetched).then((rs) => {
      if (live) setWording(Object.fromEntries(rs.flatMap((r) => (r.status === 'fulfilled' ? r.value.criteria.map((c) => [c.id, c.label] as const) : []))));
    }, () => undefined);
    return () => { live = false; };
  }, [key]);
  return wording;
}

/** Display names of a classroom's members (trainers and evaluators included), by user id. */
export function useClassroomPeople(classroomId: string | undefined): Record<string, string> {
  const [people, setPeople] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!classroomId) return;
    let live = true;
    staffApi.classroom(classroomId).then((c) => { if (live) setPeople(Object.fromEntries(c.members.map((m) => [m.userId, m.displayName]))); }, () => undefined);
    return () => { live = false; };
  }, [classroomId]);
  return people;
}

export function useStaffLabels(contractId: string | undefined, contacts: Iterable<ContactLabelsSource> = NONE, people: Record<string, string> = NOBODY): StaffLabels {
  const { i18n } = useTranslation('staff');
  const cat = useReferenceCatalog();
  const lang = i18n.language;
  return useMemo(() => {
    const l = catalogLabels(cat, contractId, lang);
    contactLabels(contacts, lang, l);
    Object.assign(l.people, people);
    return l;
  }, [cat, contractId, lang, contacts, people]);
}
