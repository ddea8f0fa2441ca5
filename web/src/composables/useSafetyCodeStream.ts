import { onBeforeUnmount, onMounted, ref } from 'vue'
import { getMeApi } from '@/api/auth'
import { safetyCodeStreamUrl, type SafetyCodeView } from '@/api/safety'
import { connectStream } from '@/lib/stream'

/**
 * An enterprise's safety code, live, while the component is shown: the current code when the stream
 * opens and each code an event moves it to (a risk assessment, a hazard step, an alarm), from whichever
 * instance handled the event. `enterpriseId` is read once mounted; nothing is opened without one. When
 * the server refuses the stream, asking for the user finds an ended session and the app goes to login.
 */
export function useSafetyCodeStream(enterpriseId: () => number | null | undefined, onCode: (code: SafetyCodeView) => void) {
  const live = ref(false)
  let stop = () => {}
  onMounted(() => {
    const id = enterpriseId()
    if (id == null || !Number.isFinite(id)) return
    stop = connectStream<SafetyCodeView>({
      url: safetyCodeStreamUrl(id),
      event: 'safety-code',
      onEvent: (code) => {
        if (code.enterpriseId === id) onCode(code)
      },
      onLive: (value) => {
        live.value = value
      },
      onClosed: () => {
        void getMeApi().catch(() => {})
      },
    })
  })
  onBeforeUnmount(() => stop())
  return { live }
}
