import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The English that applicants and mentees read is plain: many read it as their second or third
 * language. Each sentence has at most MAX_WORDS words and each message asks at most one question.
 */
const MAX_WORDS = 20;

/** The parts of locales/en.json that applicants and participants read (not the coordinators' lines). */
const APPLICANT_TEXTS = /^(language|form|errors|status|welcome|intake|applicant|kickoff|goals|meeting|checkin|nudge|survey|privacy|decision|join|firstMeeting|fitCheck|relay)\./;
const FOR_STAFF = /(coordinator|Coordinator|ForMentor|forMentor|\.help)/;

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[prefix + key, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));

/** What is hard to read in one message: sentences that are too long, more than one question. */
function readabilityProblems(text: string): string[] {
  const plain = text.replace(/{{[^}]+}}/g, 'X');
  const sentences = plain
    .split(/(?<=[.!?:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
  const problems = sentences.filter((s) => s.split(/\s+/).length > MAX_WORDS).map((s) => `${s.split(/\s+/).length} words: "${s}"`);
  const questions = (plain.match(/\?/g) ?? []).length;
  if (questions > 1) problems.push(`${questions} questions in one message`);
  return problems;
}

function englishApplicantTexts(): [string, string][] {
  const root = join(import.meta.dirname, '..');
  const locale = flatten(JSON.parse(readFileSync(join(root, 'locales', 'en.json'), 'utf8')) as Tree).filter(([key]) => APPLICANT_TEXTS.test(key) && !FOR_STAFF.test(key));
  const surveys = readdirSync(join(root, 'surveys'))
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const texts: [string, string][] = [];
      const walk = (value: unknown, path: string) => {
        if (typeof value !== 'object' || value === null) return;
        const record = value as Record<string, unknown>;
        if (typeof record.en === 'string') texts.push([`surveys/${file} ${path}`, record.en]);
        for (const [key, child] of Object.entries(record)) walk(child, path ? `${path}.${key}` : key);
      };
      walk(JSON.parse(readFileSync(join(root, 'surveys', file), 'utf8')), '');
      return texts;
    });
  return [...locale, ...surveys];
}

describe('plain English for applicants', () => {
  it('finds a 30-word sentence and a second question in one message', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(readabilityProblems(`${thirty}.`)).toEqual([`30 words: "${thirty}."`]);
    expect(readabilityProblems('Did you meet? Is something in the way?')).toEqual(['2 questions in one message']);
    expect(readabilityProblems('Did you meet {{name}}? Write /met. Questions? Write to {{contact}}.')).toEqual(['2 questions in one message']);
    expect(readabilityProblems('Hello! We think you and {{name}} have not met for some time.')).toEqual([]);
  });

  it(`keeps every applicant text to sentences of at most ${MAX_WORDS} words and one question a message`, () => {
    const texts = englishApplicantTexts();
    expect(texts.length).toBeGreaterThan(300);
    const problems = texts.flatMap(([key, text]) => readabilityProblems(text).map((p) => `${key}: ${p}`));
    expect(problems).toEqual([]);
  });
});
