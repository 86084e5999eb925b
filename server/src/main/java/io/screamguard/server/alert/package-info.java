/**
 * From a detected scream to messages on their way: the server-side cancel countdown of a live
 * incident ({@link io.screamguard.server.alert.AlertService}), one alert per episode (cooldown,
 * MAX_ALERTS_PER_HOUR), the message texts ({@link io.screamguard.server.alert.MessageText}), the
 * durable outbox in MongoDB (one job per alert, contact and channel under a unique key) and the
 * {@link io.screamguard.server.alert.Dispatcher} thread that sends the jobs with retries and writes
 * each recipient's status into the incident's event document. The providers live in
 * {@code alert.sms} (Twilio) and {@code alert.email} (Jakarta Mail), behind {@link io.screamguard.server.alert.Sender}.
 */
package io.screamguard.server.alert;
