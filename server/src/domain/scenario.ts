/**
 * Scenario content: the schema of everything under `seeds/` and the types the
 * engine reads. Pure data definitions (zod), no I/O: the loader in
 * `server/src/catalog/` reads files and cross-checks references.
 */
import { z } from 'zod';

/** French is mandatory, English optional (the UI falls back to French). */
export const Localized = z.strictObject({
  fr: z.string().trim().min(1, 'French text is required'),
  en: z.string().trim().min(1).optional(),
});
export type Localized = z.infer<typeof Localized>;

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids use letters, digits, "-", "_" and "."');

/** Duration as minutes (number) or "mm:ss"/"hh:mm:ss" string; normalised to virtual milliseconds. */
export const Duration = z.union([
  z.number().nonnegative(),
  z.string().regex(/^(\d+:)?\d{1,2}:\d{2}$/, 'durations are minutes or "mm:ss" / "hh:mm:ss"'),
]).transform((value) => {
  if (typeof value === 'number') return Math.round(value * 60_000);
  const parts = value.split(':').map(Number);
  const [h, m, s] = parts.length === 3 ? parts : [0, parts[0], parts[1]];
  return ((h! * 60 + m!) * 60 + s!) * 1000;
});

export const CHANNELS = ['phone', 'email', 'portal'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const MOODS = ['calm', 'stressed', 'angry', 'chatty', 'confused'] as const;
export const Mood = z.enum(MOODS);
export type Mood = z.infer<typeof Mood>;

export const TECH_LEVELS = ['novice', 'intermediate', 'expert'] as const;
export const TechLevel = z.enum(TECH_LEVELS);
export type TechLevel = z.infer<typeof TechLevel>;

export const TICKET_TYPES = ['incident', 'request'] as const;
export const TicketType = z.enum(TICKET_TYPES);
export type TicketType = z.infer<typeof TicketType>;

/** Replies a trainee can choose while handling the caller; the caller's reaction comes from the incident. */
export const REPLY_KINDS = ['reassure', 'deescalate', 'plain', 'technical', 'blame', 'promise', 'security_advice', 'delay'] as const;
export const ReplyKind = z.enum(REPLY_KINDS);
export type ReplyKind = z.infer<typeof ReplyKind>;

// ---------------------------------------------------------------- contract

export const ScaleLevel = z.strictObject({ id: Id, label: Localized });

export const PriorityTarget = z.strictObject({
  label: Localized,
  responseMinutes: z.number().positive(),
  resolutionMinutes: z.number().positive(),
});

export const ContractSchema = z.strictObject({
  name: Localized,
  /** Ordered from most to least severe; "one level off" is measured on this order. */
  impact: z.array(ScaleLevel).min(2),
  urgency: z.array(ScaleLevel).min(2),
  /** matrix[impact][urgency] = priority id */
  matrix: z.record(z.string(), z.record(z.string(), z.string())),
  priorities: z.record(z.string(), PriorityTarget),
  /** Priority used for SLA clocks until the ticket is qualified. */
  defaultPriority: z.string(),
  /** Share of a target after which a warning is raised. */
  warnShare: z.number().gt(0).lt(1).default(0.75),
  /** Mean resolution target over a shift, in minutes (criterion "délais moyens et maximums"). */
  meanResolutionMinutes: z.number().positive().optional(),
}).superRefine((c, ctx) => {
  const impactIds = c.impact.map((l) => l.id);
  const urgencyIds = c.urgency.map((l) => l.id);
  for (const i of impactIds) {
    const row = c.matrix[i];
    if (!row) { ctx.addIssue({ code: 'custom', path: ['matrix', i], message: `matrix has no row for impact "${i}"` }); continue; }
    for (const u of urgencyIds) {
      const p = row[u];
      if (!p) ctx.addIssue({ code: 'custom', path: ['matrix', i, u], message: `matrix has no cell for urgency "${u}"` });
      else if (!c.priorities[p]) ctx.addIssue({ code: 'custom', path: ['matrix', i, u], message: `unknown priority "${p}"` });
    }
  }
  for (const key of Object.keys(c.matrix)) {
    if (!impactIds.includes(key)) ctx.addIssue({ code: 'custom', path: ['matrix', key], message: `"${key}" is not an impact level` });
  }
  if (!c.priorities[c.defaultPriority]) ctx.addIssue({ code: 'custom', path: ['defaultPriority'], message: `unknown priority "${c.defaultPriority}"` });
});
export type Contract = z.infer<typeof ContractSchema>;

// ---------------------------------------------------------------- reference data

export const GROUP_KINDS = ['functional', 'hierarchical', 'supplier'] as const;
export const ResolverGroupSchema = z.strictObject({
  id: Id,
  name: Localized,
  kind: z.enum(GROUP_KINDS),
  description: Localized,
  /** Virtual minutes the simulated group takes to resolve a complete escalation. */
  resolveMinutes: z.number().positive().default(20),
});
export type ResolverGroup = z.infer<typeof ResolverGroupSchema>;

export const QuestionSchema = z.strictObject({
  id: Id,
  /** Grouping of the questioning script. */
  group: z.enum(['identification', 'symptom', 'scope', 'history', 'environment', 'security']),
  text: Localized,
});
export type Question = z.infer<typeof QuestionSchema>;

export const DiagnosticTestSchema = z.strictObject({
  id: Id,
  label: Localized,
  /** What the technician types or does, shown in the work log. */
  command: z.string().optional(),
});
export type DiagnosticTest = z.infer<typeof DiagnosticTestSchema>;

export const CategorySchema = z.strictObject({ id: Id, label: Localized });
export type Category = z.infer<typeof CategorySchema>;

export const PersonaSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  title: z.string().min(1),
  department: z.string().min(1),
  site: z.string().min(1),
  phone: z.string().min(1),
  email: z.string().email(),
  vip: z.boolean().default(false),
  mood: Mood.default('calm'),
  techLevel: TechLevel.default('novice'),
});
export type Persona = z.infer<typeof PersonaSchema>;

export const AssetSchema = z.strictObject({
  tag: Id,
  type: z.enum(['workstation', 'laptop', 'phone', 'softphone', 'mobile', 'tablet', 'printer', 'switch', 'access-point', 'router', 'firewall', 'server', 'virtual-machine', 'saas', 'thin-client', 'nas', 'camera', 'badge-reader', 'other']),
  model: z.string().min(1),
  owner: z.string().optional(),
  site: z.string().min(1),
  location: z.string().optional(),
  status: z.enum(['in-service', 'in-stock', 'in-repair', 'retired', 'lost']).default('in-service'),
  fields: z.record(z.string(), z.string()).default({}),
});
export type Asset = z.infer<typeof AssetSchema>;

export const KbArticleSchema = z.strictObject({
  /** Defaults to the file's base name. */
  id: Id.optional(),
  lang: z.enum(['fr', 'en']).default('fr'),
  title: z.string().min(1),
  keywords: z.array(z.string().min(1)).default([]),
  symptoms: z.string().min(1),
  cause: z.string().min(1),
  steps: z.array(z.string().min(1)).min(1),
  knownError: z.boolean().default(false),
});
export type KbArticle = z.infer<typeof KbArticleSchema> & { id: string };

// ---------------------------------------------------------------- incidents

export const FactSchema = z.strictObject({
  id: Id,
  label: Localized,
  /** What the caller says (or the test shows) when the fact is revealed. */
  text: z.string().min(1),
  /** Question ids that make the caller reveal this fact. */
  revealedBy: z.array(Id).default([]),
  /** Required for diagnosis and for a complete escalation. */
  required: z.boolean().default(false),
});
export type Fact = z.infer<typeof FactSchema>;

export const IncidentTestSchema = z.strictObject({
  test: Id,
  result: z.string().min(1),
  reveals: z.array(Id).default([]),
  /** Part of the expected diagnostic path. */
  relevant: z.boolean().default(true),
});

export const CauseOptionSchema = z.strictObject({ id: Id, label: Localized });

export const ReplyReactionsSchema = z.partialRecord(ReplyKind, z.string().min(1));

export const ExpectedAssetUpdateSchema = z.strictObject({ field: z.string().min(1), value: z.string().min(1) });

export const TruthSchema = z.strictObject({
  type: TicketType.default('incident'),
  impact: Id,
  urgency: Id,
  category: Id,
  rootCause: Id,
  resolution: z.discriminatedUnion('level', [
    z.strictObject({
      level: z.literal('l1'),
      /** Articles whose fix solves the incident. */
      kbArticles: z.array(Id).min(1),
      workaround: z.boolean().default(false),
    }),
    z.strictObject({
      level: z.literal('escalate'),
      group: Id,
      /** Articles worth consulting before escalating (none = any search counts). */
      kbArticles: z.array(Id).default([]),
    }),
  ]),
  identityCheck: z.boolean().default(false),
  remoteControl: z.boolean().default(false),
  securityAdvice: z.boolean().default(false),
  /** The fix is novel: a KB article should be written after resolution. */
  kbGap: z.boolean().default(false),
  assetUpdate: ExpectedAssetUpdateSchema.optional(),
  /** Incidents sharing a key recur from one cause and belong in one problem record. */
  problemKey: Id.optional(),
  /** A major incident (mass outage): duplicates link to a parent and the supervisor is told. */
  major: z.boolean().default(false),
});
export type Truth = z.infer<typeof TruthSchema>;

export const IncidentSchema = z.strictObject({
  title: Localized,
  domain: Id,
  criteria: z.array(z.string().regex(/^(TAI|TSSR)-[A-Z0-9]+-C\d+$/, 'criterion ids look like TAI-CP8-C1')).min(1),
  channel: Channel,
  caller: Id,
  /** Overrides the persona's usual mood. */
  mood: Mood.optional(),
  opening: z.string().min(1),
  asset: Id.optional(),
  facts: z.array(FactSchema).min(1),
  tests: z.array(IncidentTestSchema).default([]),
  causes: z.array(CauseOptionSchema).min(2),
  replies: ReplyReactionsSchema.default({}),
  /** What the caller says when the fix works / does not. */
  confirmYes: z.string().default('Oui, ça fonctionne, merci beaucoup.'),
  confirmNo: z.string().default("Non, ça ne marche toujours pas."),
  truth: TruthSchema,
  /** Texts the model player writes (notes must pass the spell-check). */
  model: z.strictObject({
    rephrase: z.string().min(1),
    resolutionNote: z.strictObject({ symptom: z.string().min(1), diagnosis: z.string().min(1), action: z.string().min(1), result: z.string().min(1) }),
    userMessage: z.string().min(1),
  }),
});
export type Incident = z.infer<typeof IncidentSchema> & { id: string };

// ---------------------------------------------------------------- drills

export const DrillEntrySchema = z.strictObject({
  incident: Id,
  at: Duration,
  /** Random shift of the arrival, up to this many minutes either way (seeded). */
  jitter: Duration.optional(),
  /** Overrides the incident's caller (a duplicate call from another person). */
  caller: Id.optional(),
  repeat: z.strictObject({ count: z.number().int().min(1).max(100), every: Duration }).optional(),
});
export type DrillEntry = z.infer<typeof DrillEntrySchema>;

export const DrillSchema = z.strictObject({
  title: Localized,
  description: Localized,
  level: z.enum(['TAI', 'TSSR', 'mixed']),
  duration: Duration,
  contract: Id.default('standard'),
  mode: z.enum(['training', 'exam']).default('training'),
  timeline: z.array(DrillEntrySchema).min(1),
});
export type Drill = z.infer<typeof DrillSchema> & { id: string };

// ---------------------------------------------------------------- criteria

export const COMPETENCES = ['TAI-CP8', 'TAI-CP14', 'TAI-T', 'TSSR-CP2', 'TSSR-CP3', 'TSSR-T'] as const;
export const CriterionSchema = z.strictObject({
  id: z.string().regex(/^(TAI|TSSR)-[A-Z0-9]+-C\d+$/),
  competence: z.enum(COMPETENCES),
  /** The criterion as worded in the title's REAC, for reports. */
  official: z.string().min(1),
  fr: z.string().min(1),
  en: z.string().min(1),
});
export type Criterion = z.infer<typeof CriterionSchema>;

// ---------------------------------------------------------------- the whole catalogue

/** Everything the engine needs, loaded and cross-checked. */
export interface Catalog {
  contracts: Record<string, Contract>;
  groups: Record<string, ResolverGroup>;
  questions: Record<string, Question>;
  tests: Record<string, DiagnosticTest>;
  categories: Record<string, Category>;
  personas: Record<string, Persona>;
  assets: Record<string, Asset>;
  kb: Record<string, KbArticle>;
  incidents: Record<string, Incident>;
  drills: Record<string, Drill>;
  /** The criteria scoring cites (seeds/criteria.yaml); optional so small test catalogues can omit it. */
  criteria?: Record<string, Criterion>;
}
