package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessStatTest {

    @Test
    void readsTheFieldsAfterACommandThatContainsSpacesAndParentheses() {
        String line = "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 987654 "
                + "8192000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

        ProcessStat stat = ProcessStat.parse(line);

        assertThat(stat).isEqualTo(new ProcessStat(4242, "my (odd) server", 'S', 1, 4242, 4242, 987654));
    }

    @Test
    void readsThisJvm() {
        long pid = ProcessHandle.current().pid();

        ProcessStat stat = ProcessStat.read(pid).orElseThrow();

        assertThat(stat.pid()).isEqualTo(pid);
        assertThat(stat.isZombie()).isFalse();
        assertThat(ProcessStat.all()).contains(stat);
    }
}
