package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void describesAnExitByStatusAndADeathBySignal() {
        assertThat(new ExitStatus(0).describe()).isEqualTo("exited with status 0");
        assertThat(new ExitStatus(3).describe()).isEqualTo("exited with status 3");
        assertThat(new ExitStatus(128 + 9).describe()).isEqualTo("killed by signal 9 (SIGKILL)");
        assertThat(new ExitStatus(128 + 15).describe()).isEqualTo("killed by signal 15 (SIGTERM)");
        assertThat(new ExitStatus(255).describe()).isEqualTo("exited with status 255");
    }

    @Test
    void aWaitStatusIsFoldedAsTheJdkFoldsIt() {
        assertThat(ExitStatus.ofWaitStatus(0x0300)).as("exit(3)").isEqualTo(new ExitStatus(3));
        assertThat(ExitStatus.ofWaitStatus(0xff00)).as("exit(255)").isEqualTo(new ExitStatus(255));
        assertThat(ExitStatus.ofWaitStatus(9).describe()).isEqualTo("killed by signal 9 (SIGKILL)");
        assertThat(ExitStatus.ofWaitStatus(0x80 | 11).describe()).as("SIGSEGV with a core dump")
                .isEqualTo("killed by signal 11 (SIGSEGV)");
    }

    @Test
    void onlyStatusZeroIsSuccess() {
        assertThat(new ExitStatus(0).isSuccess()).isTrue();
        assertThat(new ExitStatus(1).isSuccess()).isFalse();
    }
}
