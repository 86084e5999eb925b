/**
 * Test utilities shared by the core tests: {@link io.screamguard.core.testing.SharedData} finds
 * {@code ../shared} and skips (or, with {@code CI=true}, fails) tests whose data or tools are absent.
 */
package io.screamguard.core.testing;
