package io.screamguard.server.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;

/**
 * Phone numbers through libphonenumber: parsed against a default region (for numbers written
 * without {@code +country}), refused unless valid mobile, fixed-line or fixed-line-or-mobile
 * numbers (no premium, toll-free, pager or VoIP numbers), and stored in E.164. Thread-safe.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> REACHABLE = Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);

    private PhoneNumbers() {
    }

    /** True for a two-letter region libphonenumber knows (GB, US, DE ...). */
    public static boolean isSupportedRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /**
     * The number in E.164 ({@code +447911123456}).
     *
     * @param text          as the person typed it, e.g. {@code 07911 123456} or {@code +44 7911 123456}
     * @param defaultRegion region for numbers without {@code +}, empty when none
     * @throws IllegalArgumentException saying what is wrong (the message starts with the value)
     */
    public static String toE164(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. +44 7911 123456");
        }
        String trimmed = text.trim();
        if (trimmed.length() > 40) {
            throw new IllegalArgumentException("must be at most 40 characters, got " + trimmed.length());
        }
        String region = defaultRegion == null || defaultRegion.isEmpty() ? "ZZ" : defaultRegion;
        PhoneNumber number;
        try {
            number = UTIL.parse(trimmed, region);
        } catch (NumberParseException e) {
            if (e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE) {
                throw new IllegalArgumentException("'" + trimmed + "' has no valid country code; write it with +country"
                        + " code (e.g. +44 ...)" + ("ZZ".equals(region) ? " or set your phone region" : ""));
            }
            throw new IllegalArgumentException("'" + trimmed + "' is not a phone number (" + e.getMessage() + ")");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a valid number"
                    + (UTIL.getRegionCodeForNumber(number) == null ? "" : " in " + UTIL.getRegionCodeForNumber(number))
                    + "; check the digits and the country code");
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (!REACHABLE.contains(type)) {
            throw new IllegalArgumentException("'" + trimmed + "' is a " + type.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " number; alerts go only to mobile and fixed-line numbers");
        }
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }
}
