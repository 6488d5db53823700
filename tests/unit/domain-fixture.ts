/**
 * A small, self-contained catalogue for the domain core's tests, parsed through
 * the real schemas so defaults apply exactly as for files in seeds/.
 */
import {
  AssetSchema, CategorySchema, DiagnosticTestSchema, DrillSchema, IncidentSchema, KbArticleSchema, PersonaSchema,
  QuestionSchema, ResolverGroupSchema, type Catalog,
} from '../../server/src/domain/scenario.js';
import { DEFAULT_CONTRACT } from '../../server/src/domain/priority.js';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((x) => [x.id, x]));

export function fixtureCatalog(): Catalog {
  const printer = IncidentSchema.parse({
    title: { fr: 'Imprimante bloquée', en: 'Printer jammed' },
    domain: 'printing',
    criteria: ['TAI-CP8-C1', 'TAI-CP8-C3'],
    channel: 'phone',
    caller: 'p-durand',
    mood: 'stressed',
    opening: "Bonjour, l'imprimante du deuxième étage ne sort plus rien.",
    asset: 'PRN-LYO-2E',
    facts: [
      { id: 'error', label: { fr: "Message d'erreur" }, text: "L'écran affiche « Bourrage papier bac 2 ».", revealedBy: ['q-error-message'], required: true },
      { id: 'since', label: { fr: 'Depuis quand' }, text: 'Depuis ce matin.', revealedBy: ['q-since-when'], required: true },
      { id: 'others', label: { fr: 'Autres personnes touchées' }, text: 'Tout le plateau est bloqué.', revealedBy: ['q-others-affected'] },
    ],
    tests: [{ test: 't-printer-queue', result: '3 documents en attente, état : erreur', reveals: [] }],
    causes: [{ id: 'jam', label: { fr: 'Bourrage papier' } }, { id: 'driver', label: { fr: 'Pilote corrompu' } }],
    replies: { reassure: 'Merci, ça me rassure.' },
    truth: { impact: 'medium', urgency: 'medium', category: 'printing', rootCause: 'jam', resolution: { level: 'l1', kbArticles: ['KB-0001'] } },
    model: {
      rephrase: "Si je résume, l'imprimante affiche un bourrage dans le bac 2 depuis ce matin.",
      resolutionNote: { symptom: 'Imprimante bloquée.', diagnosis: 'Bourrage papier dans le bac deux.', action: 'Papier retiré, bac remis en place.', result: 'Impression rétablie.' },
      userMessage: "L'imprimante fonctionne de nouveau, vous pouvez relancer vos impressions.",
    },
  });
  const vpn = IncidentSchema.parse({
    title: { fr: 'VPN refusé' },
    domain: 'vpn',
    criteria: ['TAI-CP14-C5'],
    channel: 'email',
    caller: 'p-martin',
    opening: 'Bonjour, le VPN refuse ma connexion depuis chez moi.',
    asset: 'LAP-NAN-0031',
    facts: [
      { id: 'vpn-error', label: { fr: 'Message du client VPN' }, text: '« Certificat expiré ».', revealedBy: ['q-error-message'], required: true },
      { id: 'home', label: { fr: 'Lieu' }, text: 'Je suis chez moi, en fibre.', revealedBy: ['q-location'] },
    ],
    tests: [{ test: 't-test-vpn', result: 'Échec de la négociation TLS', reveals: ['vpn-error'] }],
    causes: [{ id: 'cert', label: { fr: 'Certificat passerelle expiré' } }, { id: 'pwd', label: { fr: 'Mot de passe expiré' } }],
    truth: { impact: 'low', urgency: 'high', category: 'vpn', rootCause: 'cert', resolution: { level: 'escalate', group: 'N2-NET' }, problemKey: 'vpn-cert' },
    model: {
      rephrase: 'Le VPN refuse la connexion avec un certificat expiré.',
      resolutionNote: { symptom: 'Connexion VPN refusée.', diagnosis: 'Certificat de la passerelle expiré.', action: 'Escalade au réseau.', result: 'Certificat renouvelé.' },
      userMessage: 'Le VPN fonctionne de nouveau.',
    },
  });
  return {
    contracts: { standard: DEFAULT_CONTRACT },
    groups: byId([
      ResolverGroupSchema.parse({ id: 'N2-NET', name: { fr: 'Réseau N2' }, kind: 'functional', description: { fr: 'Équipe réseau' }, resolveMinutes: 20 }),
      ResolverGroupSchema.parse({ id: 'N2-SYS', name: { fr: 'Systèmes N2' }, kind: 'functional', description: { fr: 'Équipe systèmes' }, resolveMinutes: 30 }),
      ResolverGroupSchema.parse({ id: 'SD-SUP', name: { fr: 'Superviseur' }, kind: 'hierarchical', description: { fr: 'Superviseur du centre' } }),
    ]),
    questions: byId([
      QuestionSchema.parse({ id: 'q-error-message', group: 'symptom', text: { fr: "Quel message d'erreur s'affiche exactement ?" } }),
      QuestionSchema.parse({ id: 'q-since-when', group: 'history', text: { fr: 'Depuis quand le problème se produit-il ?' } }),
      QuestionSchema.parse({ id: 'q-others-affected', group: 'scope', text: { fr: "D'autres collègues sont-ils touchés ?" } }),
      QuestionSchema.parse({ id: 'q-location', group: 'environment', text: { fr: 'Où vous trouvez-vous ?' } }),
    ]),
    tests: byId([
      DiagnosticTestSchema.parse({ id: 't-printer-queue', label: { fr: "File d'impression" } }),
      DiagnosticTestSchema.parse({ id: 't-test-vpn', label: { fr: 'Test VPN' } }),
    ]),
    categories: byId([CategorySchema.parse({ id: 'printing', label: { fr: 'Impression' } }), CategorySchema.parse({ id: 'vpn', label: { fr: 'VPN' } })]),
    personas: byId([
      PersonaSchema.parse({ id: 'p-durand', name: 'Claire Durand', title: 'Comptable', department: 'Comptabilité', site: 'Lyon', phone: '04 72 00 00 01', email: 'claire.durand@example.fr' }),
      PersonaSchema.parse({ id: 'p-martin', name: 'Hugo Martin', title: 'Commercial', department: 'Ventes', site: 'Nantes', phone: '02 40 00 00 02', email: 'hugo.martin@example.fr' }),
    ]),
    assets: Object.fromEntries([
      AssetSchema.parse({ tag: 'PRN-LYO-2E', type: 'printer', model: 'HP LaserJet M507', site: 'Lyon' }),
      AssetSchema.parse({ tag: 'LAP-NAN-0031', type: 'laptop', model: 'Dell Latitude 5440', owner: 'p-martin', site: 'Nantes' }),
    ].map((a) => [a.tag, a])),
    kb: {
      'KB-0001': { ...KbArticleSchema.parse({ title: 'Bourrage papier sur imprimante HP', keywords: ['bourrage', 'imprimante'], symptoms: 'Voyant orange, message bourrage.', cause: 'Feuille coincée.', steps: ['Ouvrir le bac', 'Retirer la feuille'] }), id: 'KB-0001' },
      'KB-0002': { ...KbArticleSchema.parse({ title: 'Pilote d’impression corrompu', keywords: ['imprimante', 'pilote'], symptoms: 'Impressions illisibles.', cause: 'Pilote endommagé.', steps: ['Réinstaller le pilote'] }), id: 'KB-0002' },
    },
    incidents: { printer: { ...printer, id: 'printer' }, vpn: { ...vpn, id: 'vpn' } },
    drills: {
      mini: {
        ...DrillSchema.parse({
          title: { fr: 'Mini' }, description: { fr: 'Deux appels' }, level: 'TAI', duration: 120,
          timeline: [{ incident: 'printer', at: 1 }, { incident: 'vpn', at: 3, jitter: 1 }],
        }),
        id: 'mini',
      },
    },
  };
}
