package io.screamguard.training.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RecordingGroupsTest {

    @Test
    void pieces_of_one_recording_share_a_key() {
        assertEquals(RecordingGroups.recordingKey("speech__clnsp0__p01of02.flac"),
                RecordingGroups.recordingKey("speech__clnsp0__p02of02.flac"));
        assertEquals(RecordingGroups.recordingKey("long_test_abuse_many_blanks__p01of03.flac"),
                RecordingGroups.recordingKey("long_test_abuse_many_blanks__p03of03.flac"));
    }

    @Test
    void urbansound_slices_group_by_their_freesound_recording() {
        assertEquals("urbansound8k-105425", RecordingGroups.recordingKey("urbansound8k__105425-9-0-13.flac"));
        assertEquals(RecordingGroups.recordingKey("urbansound8k__16692-5-0-0.flac"),
                RecordingGroups.recordingKey("urbansound8k__16692-5-0-10.flac"));
    }

    @Test
    void donateacry_files_group_by_the_uuid_of_the_recording_app() {
        String a = "babycry_hungry__643D64AD-B711-469A-AF69-55C0D5D3E30F-1430138495-1.0-m-72-bp.flac";
        String b = "babycry_tired__643d64ad-b711-469a-af69-55c0d5d3e30f-1430999999-1.0-m-72-ti.flac";

        assertEquals(RecordingGroups.recordingKey(a), RecordingGroups.recordingKey(b));
    }

    @Test
    void takes_and_freesound_ids_group_together_but_different_recordings_do_not() {
        assertEquals(RecordingGroups.recordingKey("damm_0.flac"), RecordingGroups.recordingKey("damm_7.flac"));
        assertEquals(RecordingGroups.recordingKey("169810__missozzy__female-scream-01_0.flac"),
                RecordingGroups.recordingKey("169810__missozzy__female-scream-01_1.flac"));
        assertEquals(RecordingGroups.recordingKey("338939__natemarler__human-male-scream-terrified__1_.flac"),
                RecordingGroups.recordingKey("338939__natemarler__human-male-scream-terrified__2_.flac"));
        assertNotEquals(RecordingGroups.recordingKey("femaleScream-002.flac"),
                RecordingGroups.recordingKey("femaleScream-004.flac"));
    }
}
