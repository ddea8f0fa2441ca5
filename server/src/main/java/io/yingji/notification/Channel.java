package io.yingji.notification;

/**
 * A way to reach a person. A campaign lists the channels it may use in fallback order; a target is
 * tried on the first of them it has an address for, and on the next when that one fails.
 */
public enum Channel {
    /** a text message through the SMS gateway (needs a mobile number); delivered only on the gateway's report */
    SMS,
    /** an e-mail through SMTP (needs an address); sent once the mail server accepts it */
    EMAIL,
    /** a signed HTTP POST to another system (needs a URL); delivered when it answers 2xx */
    WEBHOOK,
    /** the emergency broadcast system (应急广播; needs a terminal or area code) */
    BROADCAST,
    /** the platform's own inbox and live stream (needs a user id); delivered when stored in the inbox */
    IN_APP
}
