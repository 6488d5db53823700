/** Catalogue and staff-name labels for the staff screens (fetched once per page load). */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
