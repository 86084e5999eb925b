/**
 * Email through SMTP with Jakarta Mail (Eclipse Angus): {@link io.screamguard.server.alert.email.SmtpEmail}
 * sends multipart/alternative messages (plain text and HTML) over starttls, ssl or plain SMTP.
 * The alert package's only Jakarta Mail importer (contacts uses it to validate addresses).
 */
package io.screamguard.server.alert.email;
