'use client';

import { useEffect } from 'react';
import { popstateHook } from '@/components/site/theme';

/**
 * Lets the browser's Back button from a project page move the cover back into its card. Handled inside the
 * browser's own popstate event, the router's update runs no view transition; handed to the router one task later,
 * it runs React's, as a link's navigation does. The head script's listener, registered before the router's, is
 * the way in (`popstateHook`). Without view transitions, or under prefers-reduced-motion, it stands aside.
 */
export function CoverBackTransition() {
  useEffect(() => {
    let replaying = false;
    const onPopState = (event: PopStateEvent) => {
      if (replaying || !document.startViewTransition || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
      event.stopImmediatePropagation();
      setTimeout(() => {
        replaying = true;
        window.dispatchEvent(new PopStateEvent('popstate', { state: event.state }));
        replaying = false;
      });
    };
    const hooks = window as unknown as Record<string, unknown>;
    hooks[popstateHook] = onPopState;
    return () => {
      if (hooks[popstateHook] === onPopState) delete hooks[popstateHook];
    };
  }, []);
  return null;
}
