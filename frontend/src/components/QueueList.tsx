import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

interface Props {
  label: string;
  children: ComponentChildren;
}

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * A list whose items glide to their new place when the order changes (FLIP):
 * remember each item's box, let the new order render, then animate from old to new.
 * Items carry `data-flip-id`.
 */
export function QueueList({ label, children }: Props) {
  const ref = useRef<HTMLOListElement>(null);
  const offsets = useRef(new Map<string, number>());

  useLayoutEffect(() => {
    const list = ref.current;
    if (!list) return;
    // Offsets from the list's top, so scrolling between renders is not taken for a move.
    const listTop = list.getBoundingClientRect().top;
    const next = new Map<string, number>();
    const animate = offsets.current.size > 0 && !reducedMotion() && typeof list.animate === 'function';
    for (const el of Array.from(list.children) as HTMLElement[]) {
      const id = el.dataset.flipId;
      if (!id) continue;
      const top = el.getBoundingClientRect().top - listTop;
      next.set(id, top);
      const before = offsets.current.get(id);
      if (!animate) continue;
      if (before === undefined) {
        el.animate([{ opacity: 0, transform: 'scale(0.97)' }, { opacity: 1, transform: 'none' }], {
          duration: 200,
          easing: 'ease-out',
        });
      } else if (Math.abs(before - top) > 1) {
        el.animate([{ transform: `translateY(${before - top}px)` }, { transform: 'none' }], {
          duration: 300,
          easing: 'cubic-bezier(0.2, 0, 0, 1)',
        });
      }
    }
    offsets.current = next;
  });

  return (
    <ol class="queue" ref={ref} aria-label={label}>
      {children}
    </ol>
  );
}
