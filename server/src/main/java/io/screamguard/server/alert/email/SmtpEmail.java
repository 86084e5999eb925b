package io.screamguard.server.alert.email;

import io.screamguard.server.alert.Channel;
import io.screamguard.server.alert.Outgoing;
import io.screamguard.server.alert.SendFailure;
import io.screamguard.server.alert.Sender;
import io.screamguard.server.config.ServerConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends email over SMTP. An SMTP 4xx reply, a timeout or a refused connection is transient; a 5xx
 * reply (unknown mailbox, authentication refused, ...) is permanent and fails with the server's
 * reply. Thread-safe (a connection per message; alerts are few).
 */
public final class SmtpEmail implements Sender {
    /** Connect, read and write timeout of the SMTP conversation. */
    static final int TIMEOUT_MILLIS = 15_000;

    private final ServerConfig.SmtpSettings settings;
    private final Session session;

    /** @param settings SMTP_* and MAIL_FROM */
    public SmtpEmail(ServerConfig.SmtpSettings settings) {
        this.settings = settings;
        this.session = settings.configured() ? Session.getInstance(properties(settings)) : null;
    }

    static Properties properties(ServerConfig.SmtpSettings s) {
        Properties p = new Properties();
        String protocol = "ssl".equals(s.security()) ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "host", s.host());
        p.put(prefix + "port", Integer.toString(s.port()));
        p.put(prefix + "auth", Boolean.toString(!s.username().isEmpty()));
        p.put(prefix + "connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put(prefix + "timeout", Integer.toString(TIMEOUT_MILLIS));
        p.put(prefix + "writetimeout", Integer.toString(TIMEOUT_MILLIS));
        if ("starttls".equals(s.security())) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (!"none".equals(s.security())) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configured() {
        return session != null;
    }

    @Override
    public String missing() {
        return configured() ? "" : "set SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD and MAIL_FROM";
    }

    @Override
    public String send(Outgoing message) throws SendFailure {
        if (session == null) {
            throw new SendFailure("email is not configured: " + missing(), false, null);
        }
        MimeMessage mime;
        try {
            mime = mime(message);
        } catch (MessagingException e) {
            throw new SendFailure("cannot build the email to " + message.to() + ": " + e.getMessage(), false, e);
        }
        try {
            Transport transport = session.getTransport();
            try {
                if (settings.username().isEmpty()) {
                    transport.connect();
                } else {
                    transport.connect(settings.username(), settings.password());
                }
                transport.sendMessage(mime, mime.getAllRecipients());
            } finally {
                transport.close();
            }
            return mime.getMessageID();
        } catch (MessagingException e) {
            int code = replyCode(e);
            boolean retryable = code < 500; // no reply (timeout, refused connection) or 4xx
            throw new SendFailure("SMTP " + (code > 0 ? "replied " + code : "failed") + ": " + oneLine(e), retryable, e);
        }
    }

    private MimeMessage mime(Outgoing m) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress(settings.from()));
        mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(m.to(), true));
        mime.setSubject(m.subject() == null ? "ScreamGuard" : m.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        mime.setHeader("X-ScreamGuard-Key", m.key());
        if (m.html() == null) {
            mime.setText(m.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
        }
        mime.saveChanges(); // assigns the Message-ID
        return mime;
    }

    /** The SMTP reply code in the exception chain, or 0 when the server never replied. */
    static int replyCode(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof jakarta.mail.AuthenticationFailedException) {
                return 535;
            }
            t = t instanceof MessagingException me && me.getNextException() != null ? me.getNextException() : t.getCause();
        }
        return 0;
    }

    private static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
