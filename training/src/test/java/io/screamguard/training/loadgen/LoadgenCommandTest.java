package io.screamguard.training.loadgen;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadgenCommandTest {
    @Test
    void two_thousand_streams_fit_the_usual_limit_of_this_machine_and_not_the_common_default_of_1024() {
        assertNull(LoadgenCommand.fileDescriptorProblem(2000, 20_000));
        assertNull(LoadgenCommand.fileDescriptorProblem(2000, -1), "unknown limit: let the run try");

        String problem = LoadgenCommand.fileDescriptorProblem(2000, 1024);

        assertTrue(problem != null && problem.contains("1024") && problem.contains("ulimit -n 2128"), problem);
    }
}
