import { onBeforeUnmount, ref } from 'vue'

/** Whether the screen is phone-sized (field roles work on phones). */
export function useViewport() {
  const query = window.matchMedia('(max-width: 768px)')
  const isMobile = ref(query.matches)
  const update = (event: MediaQueryListEvent) => {
    isMobile.value = event.matches
  }
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return { isMobile }
}
