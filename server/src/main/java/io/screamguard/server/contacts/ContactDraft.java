package io.screamguard.server.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A contact as the client sent it (POST or PUT body, snake_case JSON), before validation.
 *
 * @param name     required
 * @param phone    any format libphonenumber reads; national numbers use the person's region
 * @param email    an address
 * @param channels sms, email and/or voice (a call reading the alert, needs the phone); defaults to sms and
 *                 email where their field is given
 * @param language BCP 47 tag, default en
 * @param note     optional
 */
public record ContactDraft(String name, String phone, String email, List<String> channels, String language,
                           String note) {
    static final int MAX_NAME = 100;
    static final int MAX_NOTE = 500;
    static final Set<String> CHANNELS = Set.of("sms", "email", "voice");

    /** A field that broke its rule: the field's name and a sentence with the value and the rule. */
    public static final class InvalidField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        InvalidField(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
        }

        /** The JSON field, e.g. {@code phone}. */
        public String field() {
            return field;
        }
    }

    /**
     * Validates every field; the first bad one is reported.
     *
     * @param phoneRegion region for national phone numbers, empty = international format only
     * @throws InvalidField naming the field and the problem
     */
    Validated validate(String phoneRegion) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            throw new InvalidField("name", "is required");
        }
        if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField("name", "must be at most " + MAX_NAME + " characters without control characters");
        }
        String e164 = null;
        if (phone != null && !phone.isBlank()) {
            try {
                e164 = PhoneNumbers.toE164(phone, phoneRegion);
            } catch (IllegalArgumentException e) {
                throw new InvalidField("phone", e.getMessage());
            }
        }
        String address = null;
        if (email != null && !email.isBlank()) {
            try {
                address = EmailAddress.parse(email);
            } catch (IllegalArgumentException e) {
                throw new InvalidField("email", e.getMessage());
            }
        }
        if (e164 == null && address == null) {
            throw new InvalidField("phone", "or email is required: a contact needs a way to be reached");
        }
        List<String> ch = channels(e164 != null, address != null);
        String lang = language == null || language.isBlank() ? "en" : language.trim();
        if (!lang.matches("[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            throw new InvalidField("language", "must be a language tag such as en, de or pt-BR, got '" + language + "'");
        }
        String nt = note == null ? "" : note.trim();
        if (nt.length() > MAX_NOTE) {
            throw new InvalidField("note", "must be at most " + MAX_NOTE + " characters, got " + nt.length());
        }
        return new Validated(n, e164, address, ch, Locale.forLanguageTag(lang).toLanguageTag(), nt);
    }

    private List<String> channels(boolean hasPhone, boolean hasEmail) {
        if (channels == null || channels.isEmpty()) {
            List<String> all = new ArrayList<>();
            if (hasPhone) {
                all.add("sms");
            }
            if (hasEmail) {
                all.add("email");
            }
            return all;
        }
        List<String> out = new ArrayList<>();
        for (String c : channels) {
            String ch = c == null ? "" : c.trim().toLowerCase(Locale.ROOT);
            if (!CHANNELS.contains(ch)) {
                throw new InvalidField("channels", "may hold sms, email and voice, got '" + c + "'");
            }
            if ((ch.equals("sms") || ch.equals("voice")) && !hasPhone) {
                throw new InvalidField("channels", "has " + ch + " but the contact has no phone number");
            }
            if (ch.equals("email") && !hasEmail) {
                throw new InvalidField("channels", "has email but the contact has no email address");
            }
            if (!out.contains(ch)) {
                out.add(ch);
            }
        }
        return out;
    }

    /** The validated, normalised fields. */
    record Validated(String name, String phone, String email, List<String> channels, String language, String note) {
    }
}
