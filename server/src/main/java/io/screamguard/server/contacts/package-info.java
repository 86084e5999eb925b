/**
 * A person's emergency contacts (at most MAX_CONTACTS): name, phone number (libphonenumber, E.164,
 * mobile or fixed-line only), email (Jakarta Mail strict syntax plus a domain check), channels
 * (sms, email), message language and a note. Each contact belongs to one account; another person's
 * contact answers 404. The alerting issue sends to them; until then "send a test message" answers
 * 503 alerting_not_configured.
 */
package io.screamguard.server.contacts;
