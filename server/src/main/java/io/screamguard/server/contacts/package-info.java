/**
 * A person's emergency contacts (at most MAX_CONTACTS): name, phone number (libphonenumber, E.164,
 * mobile or fixed-line only), email (Jakarta Mail strict syntax plus a domain check), channels
 * (sms, email), message language and a note. Each contact belongs to one account; another person's
 * contact answers 404. The alerting ({@code alert}) sends to them; "send a test message" goes
 * through its channels ({@link io.screamguard.server.contacts.TestMessages}) and answers 503
 * alerting_not_configured when none of the contact's channels is configured.
 */
package io.screamguard.server.contacts;
