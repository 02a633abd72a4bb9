/** How strongly a job description asks for something, read from the words around it. */
export type RequirementStrength = 'must' | 'neutral' | 'nice';

export interface RequirementCue {
  strength: RequirementStrength;
  /** The cue words that decided the strength ("required", "nice to have", "3+ years"…). */
  cues: string[];
  /** Minimum years asked for in the same sentence, if any. */
  minYears?: number;
  /** Level word found in the same sentence ("expert", "advanced", "working knowledge"…). */
  level?: 'expert' | 'advanced' | 'intermediate' | 'beginner';
}

const NICE_RE =
  /\b(nice[- ]to[- ]haves?|(?:is|are|would be)? ?a (?:big |huge )?(?:plus|bonus)|bonus(?: points)?|preferred|preferably|desirable|desired|ideally|an advantage|advantageous|good to have|optional|not required|not a must|familiarity with|exposure to|helpful|would be great)\b/gi;
const MUST_RE =
  /\b(must(?: have)?|required|requirements?|mandatory|essential|necessary|need to have|you (?:will )?(?:need|have|bring)|you are|proven|demonstrable|minimum of|at least|strong|solid|extensive|deep|expert(?:ise)?|proficien(?:t|cy)|hands-on)\b/gi;
const YEARS_RE = /\b(\d{1,2})\s*(?:\+|plus)?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b/i;
const YEARS_WORD_RE = /\b(one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*years?\b/i;
const WORD_NUM: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10, // prettier-ignore
};

const HEADER_NICE_RE =
  /^\s*(?:[#*\-•]\s*)?(nice[- ]to[- ]haves?|bonus(?: points)?|preferred(?: qualifications| skills)?|pluses|desirable(?: skills)?|good to have|optional)\s*:?\s*$/i;
const HEADER_MUST_RE =
  /^\s*(?:[#*\-•]\s*)?(requirements|required(?: qualifications| skills)?|must[- ]haves?|minimum qualifications|what you(?:'ll)? (?:need|bring)|you have|qualifications|essential(?: skills)?)\s*:?\s*$/i;
const HEADER_NEUTRAL_RE =
  /^\s*(?:[#*\-•]\s*)?(responsibilities|about (?:us|the role|you)|what you(?:'ll)? do|the role|benefits|perks|what we offer)\s*:?\s*$/i;

/**
 * Reads the requirement strength of one sentence. "Nice to have"-type cues win over "must"-type
 * cues in the same sentence ("a strong background in X is a plus" is optional), and a number of
 * years counts as a must-have signal.
 */
export function readRequirementCue(
  sentence: string,
  sectionDefault: RequirementStrength = 'neutral',
): RequirementCue {
  const nice = [...sentence.matchAll(NICE_RE)].map((m) => m[0].trim().toLowerCase());
  const must = [...sentence.matchAll(MUST_RE)].map((m) => m[0].trim().toLowerCase());
  let minYears: number | undefined;
  const y = YEARS_RE.exec(sentence);
  if (y) minYears = Number(y[1]);
  else {
    const w = YEARS_WORD_RE.exec(sentence);
    if (w) minYears = WORD_NUM[w[1].toLowerCase()];
  }
  let level: RequirementCue['level'];
  if (/\b(expert|mastery|authority)\b/i.test(sentence)) level = 'expert';
  else if (/\b(advanced|deep|extensive|senior|in-depth)\b/i.test(sentence)) level = 'advanced';
  else if (
    /\b(proficien\w*|solid|strong|working knowledge|hands-on|experience (?:with|in))\b/i.test(sentence)
  )
    level = 'intermediate';
  else if (/\b(basic|familiar\w*|exposure|introductory)\b/i.test(sentence)) level = 'beginner';
  if (nice.length) return { strength: 'nice', cues: nice, minYears, level };
  if (must.length || minYears !== undefined) {
    const cues = minYears !== undefined ? [...must, `${minYears}+ years`] : must;
    return { strength: 'must', cues, minYears, level };
  }
  return { strength: sectionDefault, cues: [], minYears, level };
}

/**
 * Recognises a section header line ("Requirements:", "Nice to have") and returns the strength it
 * sets for the lines below it, or null when the line is not a header.
 */
export function readSectionHeader(line: string): RequirementStrength | null {
  if (line.length > 60) return null;
  if (HEADER_NICE_RE.test(line)) return 'nice';
  if (HEADER_MUST_RE.test(line)) return 'must';
  if (HEADER_NEUTRAL_RE.test(line)) return 'neutral';
  return null;
}

/** A piece of a job description with the strength it inherits from its section. */
export interface Segment {
  text: string;
  /** Offset of `text` in the full description. */
  offset: number;
  section: RequirementStrength;
}

/**
 * Splits a description into sentences/bullets, tracking section headers. Linear in the length.
 */
export function segmentDescription(text: string): Segment[] {
  const out: Segment[] = [];
  let section: RequirementStrength = 'neutral';
  const lineRe = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text)) !== null) {
    const line = m[0];
    const header = readSectionHeader(line);
    if (header) {
      section = header;
      continue;
    }
    const headerPrefix = /^\s*([A-Za-z' -]{3,40}):\s+/.exec(line);
    let lineSection = section;
    if (headerPrefix) {
      const h = readSectionHeader(headerPrefix[1]);
      if (h) lineSection = h;
    }
    // Sentence ends only at punctuation followed by whitespace, so "node.js" stays in one piece.
    const endRe = /[.!?;]+(?=\s|$)/g;
    let e: RegExpExecArray | null;
    let from = 0;
    while ((e = endRe.exec(line)) !== null) {
      const to = e.index + e[0].length;
      const piece = line.slice(from, to);
      if (piece.trim()) {
        const lead = piece.length - piece.trimStart().length;
        out.push({ text: piece.trim(), offset: m.index + from + lead, section: lineSection });
      }
      from = to;
    }
    const rest = line.slice(from);
    if (rest.trim()) {
      const lead = rest.length - rest.trimStart().length;
      out.push({ text: rest.trim(), offset: m.index + from + lead, section: lineSection });
    }
  }
  return out;
}
