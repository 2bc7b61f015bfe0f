import type { Route } from '../../state/route.ts';
import { CoursePage } from './CoursePage.tsx';
import { GlossaryPage } from './GlossaryPage.tsx';
import { InterviewPage } from './InterviewPage.tsx';
import { LessonPage } from './LessonPage.tsx';
import { MatrixPage } from './MatrixPage.tsx';

/** The pages that are not the simulator itself, loaded together when the first one opens. */
export function CoursePages({ route }: { route: Exclude<Route, { page: 'lab' }> }) {
  switch (route.page) {
    case 'course':
      return <CoursePage />;
    case 'interview':
      return <InterviewPage question={route.question} />;
    case 'glossary':
      return <GlossaryPage term={route.term} />;
    case 'matrix':
      return <MatrixPage />;
    case 'lesson':
      return <LessonPage lessonId={route.lessonId} step={route.step} />;
  }
}
