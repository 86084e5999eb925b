/**
 * SMS and voice calls through Twilio: {@link io.screamguard.server.alert.sms.TwilioSms} and
 * {@link io.screamguard.server.alert.sms.TwilioVoice} send with the stock Twilio Java SDK
 * (optionally pointed at TWILIO_API_BASE_URL), and
 * {@link io.screamguard.server.alert.sms.TwilioCallbacks} verifies a status callback's
 * {@code X-Twilio-Signature} with the SDK's {@code RequestValidator}. The only package that imports Twilio.
 */
package io.screamguard.server.alert.sms;
