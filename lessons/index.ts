// The fixed lesson index: lesson id → folder under lessons/. Lesson ids from URLs are looked up here,
// never joined into a path.
export const LESSON_DIRS = {
  'kind-without-cni': '01-kind-without-cni',
  'fix-with-a-cni': '02-fix-with-a-cni',
} as const;

export type LessonId = keyof typeof LESSON_DIRS;
