/**
 * The course's shape without its content: each lesson's id and how many steps it has, in order,
 * and the interview questions' ids. Routes and saved progress need only this, so the first screen
 * does without the lessons' setups and claims, which load with the course pages. A test holds
 * this outline to the lessons and questions themselves.
 */
export const LESSON_OUTLINE: readonly { id: string; steps: number }[] = [
  { id: 'what-idempotency-means', steps: 5 },
  { id: 'http-methods', steps: 3 },
  { id: 'idempotency-key', steps: 3 },
  { id: 'database-constraints', steps: 3 },
  { id: 'conditional-requests', steps: 3 },
  { id: 'best-practices', steps: 7 },
  { id: 'interview-follow-ups', steps: 4 },
  { id: 'retries', steps: 5 },
];

export const INTERVIEW_IDS: readonly string[] = [
  'what-is-idempotency',
  'which-methods',
  'design-payments-api',
  'cache-not-enough',
  'concurrent-duplicate',
  'external-side-effects',
  'key-store-fails',
  'how-long-keep-keys',
  'store-errors',
  'lost-update',
  'retry-policy',
];

export const outlineOf = (lessonId: string) => LESSON_OUTLINE.find((l) => l.id === lessonId);
