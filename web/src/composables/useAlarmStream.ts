import { onBeforeUnmount, onMounted, ref } from 'vue'
import { ALARM_STREAM_URL, type Alarm } from '@/api/monitoring'
import { getMeApi } from '@/api/auth'
import { connectStream } from '@/lib/stream'

/**
 * The live alarm stream while the component is shown: every alarm change in the user's scope as it
 * happens (the session cookie authenticates it). `onReconnect` runs after a drop so the page can
 * reload what it may have missed; when the server refuses the stream, asking for the user finds an
 * ended session and the app goes to the login page. Pages that only may show alarms pass `enabled`.
 */
export function useAlarmStream(onAlarm: (alarm: Alarm) => void, onReconnect?: () => void, enabled: () => boolean = () => true) {
  const live = ref(false)
  let stop = () => {}
  onMounted(() => {
    if (!enabled()) return
    stop = connectStream<Alarm>({
      url: ALARM_STREAM_URL,
      onEvent: onAlarm,
      onLive: (value) => {
        live.value = value
      },
      onOpen: (again) => {
        if (again) onReconnect?.()
      },
      onClosed: () => {
        void getMeApi().catch(() => {})
      },
    })
  })
  onBeforeUnmount(() => stop())
  return { live }
}
