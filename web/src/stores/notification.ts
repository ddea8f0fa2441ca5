import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getUnreadCountApi, readAllNotificationsApi, readNotificationApi, type Notice } from '@/api/notification'

/** The unread count the bell shows, shared with the notifications page so both agree after a read. */
export const useNotificationStore = defineStore('notification', () => {
  const unread = ref(0)

  async function refresh(): Promise<void> {
    try {
      unread.value = (await getUnreadCountApi()).count
    } catch {
      // keep the last count: the bell is no place for an error, and an ended session is handled by the client
    }
  }

  /** A notice that just came on the live stream: counted at once, without asking the server. */
  function arrived(notice: Notice): void {
    if (!notice.readAt) unread.value += 1
  }

  /** Marks a notice read (once) and counts it off at once, before the next poll. */
  async function read(notice: Notice): Promise<void> {
    if (notice.readAt) return
    await readNotificationApi(notice.id)
    notice.readAt = new Date().toISOString()
    unread.value = Math.max(0, unread.value - 1)
  }

  async function readAll(): Promise<void> {
    await readAllNotificationsApi()
    unread.value = 0
  }

  return { unread, refresh, arrived, read, readAll }
})
