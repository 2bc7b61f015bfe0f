import type { Route } from '../../state/route.ts';
import { useLab, useMessages } from './lab.ts';

const PAGES = [
  { page: 'lab', href: '#/' },
  { page: 'course', href: '#/course' },
  { page: 'interview', href: '#/interview' },
] as const;

/** The lab's three places: the simulator, the course (lessons count as the course), interviews. */
export function SiteNav() {
  const t = useMessages();
  const route = useLab((s) => s.route);
  // Someone who has never opened a lesson is pointed at the course: the simulator alone
  // assumes what the first lesson teaches.
  const newcomer = useLab((s) => Object.keys(s.progress).length === 0);
  const here = (page: Route['page']) =>
    page === route.page ||
    (page === 'course' && ['lesson', 'matrix', 'glossary'].includes(route.page));
  return (
    <nav aria-label={t.nav.label}>
      <ul className="flex gap-1">
        {PAGES.map(({ page, href }) => (
          <li key={page}>
            <a
              href={href}
              aria-current={here(page) ? 'page' : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${
                here(page)
                  ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
                  : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              {t.nav[page]}
              {page === 'course' && newcomer && (
                // A phone's header has no room for it; the course is one tap away there too.
                <span className="ml-1.5 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-800 max-sm:hidden dark:bg-indigo-900 dark:text-indigo-100">
                  {t.nav.startHere}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
