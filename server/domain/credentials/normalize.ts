import type { AchievementData, IssuerData, NormalizedCredential } from './model';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A plain string, or the first language value of a JSON-LD language map / value object. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = text(item);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(value)) {
    if ('@value' in value) return text(value['@value']);
    const english = value.en ?? value['en-US'] ?? value['en-GB'];
    if (english !== undefined) return text(english);
    for (const v of Object.values(value)) {
      if (typeof v === 'string') return v.trim() || undefined;
    }
  }
  return undefined;
}

function types(value: unknown): string[] {
  return asArray(value).filter((t): t is string => typeof t === 'string');
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  if (isObject(value) && typeof value['@id'] === 'string') return value['@id'] as string;
  return null;
}

/** Issuer identity from a VC `issuer` (string or Profile) or an OB2 Issuer profile. */
export function normalizeIssuer(issuer: unknown): IssuerData {
  if (typeof issuer === 'string') return { id: issuer, name: null, url: null };
  if (isObject(issuer)) {
    return {
      id: idOf(issuer),
      name: text(issuer.name) ?? null,
      url: text(issuer.url) ?? null,
    };
  }
  return { id: null, name: null, url: null };
}

function alignments(value: unknown): AchievementData['alignments'] {
  return asArray(value)
    .filter(isObject)
    .map((a) => ({
      targetName: text(a.targetName),
      targetUrl: text(a.targetUrl),
      targetFramework: text(a.targetFramework),
      targetCode: text(a.targetCode),
      targetDescription: text(a.targetDescription),
    }))
    .filter((a) => a.targetName || a.targetUrl || a.targetCode);
}

function achievementFrom(achievement: Json | null, fallbackName: string | undefined): AchievementData {
  const a = achievement ?? {};
  const criteria = a.criteria;
  return {
    name: text(a.name) ?? fallbackName ?? 'Unnamed achievement',
    description: text(a.description),
    criteriaNarrative: isObject(criteria) ? text(criteria.narrative) : undefined,
    achievementType: text(a.achievementType),
    tags: asArray(a.tag ?? a.tags)
      .map((t) => text(t))
      .filter((t): t is string => Boolean(t)),
    alignments: alignments(a.alignment ?? a.alignments),
    resultDescriptions: asArray(a.resultDescription)
      .filter(isObject)
      .map((r) => ({ name: text(r.name), description: text(r.description), resultType: text(r.resultType) })),
  };
}

function evidenceFrom(value: unknown): NormalizedCredential['evidence'] {
  return asArray(value)
    .map((e) => {
      if (typeof e === 'string') return { id: e };
      if (!isObject(e)) return null;
      return {
        id: idOf(e) ?? undefined,
        name: text(e.name),
        description: text(e.description),
        narrative: text(e.narrative),
      };
    })
    .filter((e): e is NonNullable<typeof e> => e !== null);
}

function firstSubject(credential: Json): Json | null {
  const subjects = asArray(credential.credentialSubject).filter(isObject);
  return subjects[0] ?? null;
}

/**
 * Normalizes a W3C VC (OB 3.0 AchievementCredential, CLR 2.0 ClrCredential, EndorsementCredential, or any
 * VC 1.1/2.0) into the stored record. Reads VC 2.0 dates and falls back to VC 1.1 names, so both data models
 * show their validity window. For a CLR the wrapper's achievement is the CLR itself; nested credentials are
 * normalized on their own.
 */
export function normalizeVerifiableCredential(credential: Json): NormalizedCredential {
  const subject = firstSubject(credential);
  const achievementJson = subject && isObject(subject.achievement) ? subject.achievement : null;
  const fallbackName = text(credential.name);
  const achievement = achievementFrom(
    achievementJson ?? (types(credential.type).includes('ClrCredential') ? credential : null),
    fallbackName,
  );
  if (!achievementJson && !types(credential.type).includes('ClrCredential')) {
    achievement.description ??= text(credential.description);
  }
  const results = subject ? asArray(subject.result).filter(isObject) : [];
  if (results.length > 0 && achievement.resultDescriptions.length === 0) {
    achievement.resultDescriptions = results.map((r) => ({
      name: text(r.value) ?? text(r.status),
      description: text(r.resultDescription),
    }));
  }
  return {
    credentialId: idOf(credential),
    types: types(credential.type),
    issuer: normalizeIssuer(credential.issuer),
    achievement,
    subjectId: subject ? idOf(subject) : null,
    recipient: null,
    issuedAt:
      text(credential.issuanceDate) ?? text(credential.validFrom) ?? text(credential.awardedDate) ?? null,
    validFrom: text(credential.validFrom) ?? text(credential.issuanceDate) ?? null,
    validUntil: text(credential.validUntil) ?? text(credential.expirationDate) ?? null,
    evidence: evidenceFrom(credential.evidence),
  };
}

/**
 * Normalizes an Open Badges 2.0 Assertion. `badge` and `issuer` are the resolved BadgeClass and Issuer
 * profile when they were embedded or could be loaded; otherwise only the assertion's own data is used.
 */
export function normalizeOb2Assertion(
  assertion: Json,
  badge: Json | null,
  issuer: Json | null,
): NormalizedCredential {
  const recipient = isObject(assertion.recipient) ? assertion.recipient : null;
  const criteria = badge?.criteria;
  const achievement: AchievementData = {
    name: text(badge?.name) ?? 'Open Badge (badge class not available)',
    description: text(badge?.description),
    criteriaNarrative: isObject(criteria) ? text(criteria.narrative) : undefined,
    achievementType: 'OpenBadge',
    tags: asArray(badge?.tags)
      .map((t) => text(t))
      .filter((t): t is string => Boolean(t)),
    alignments: alignments(badge?.alignment).length
      ? alignments(badge?.alignment)
      : asArray(badge?.alignment)
          .filter(isObject)
          .map((a) => ({
            targetName: text(a.targetName) ?? text(a.name),
            targetUrl: text(a.targetUrl) ?? text(a.url),
            targetFramework: text(a.targetFramework),
            targetCode: text(a.targetCode),
            targetDescription: text(a.targetDescription) ?? text(a.description),
          })),
    resultDescriptions: [],
  };
  const issuerData = issuer ? normalizeIssuer(issuer) : normalizeIssuer(badge?.issuer ?? null);
  return {
    credentialId: idOf(assertion),
    types: types(assertion.type).length ? types(assertion.type) : ['Assertion'],
    issuer: issuerData,
    achievement,
    subjectId: null,
    recipient: recipient
      ? {
          type: text(recipient.type) ?? null,
          identity: text(recipient.identity) ?? null,
          hashed: recipient.hashed === true,
          salt: text(recipient.salt) ?? null,
        }
      : null,
    issuedAt: text(assertion.issuedOn) ?? null,
    validFrom: text(assertion.issuedOn) ?? null,
    validUntil: text(assertion.expires) ?? null,
    evidence: evidenceFrom(assertion.evidence),
  };
}
