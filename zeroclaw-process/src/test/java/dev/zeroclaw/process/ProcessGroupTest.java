package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ProcessGroup and ProcessIdentity against real processes. */
class ProcessGroupTest {

    @Test
    void identityOfThisJvmIsRunningAndADifferentStartTimeIsNot() {
        ProcessIdentity self = ProcessIdentity.of(ProcessHandle.current().pid()).orElseThrow();

        assertThat(self.isRunning()).isTrue();
        assertThat(new ProcessIdentity(self.pid(), self.startTime() + 1).isRunning())
                .as("same pid, another process").isFalse();
    }

    @Test
    void groupOfAServerListsItsMembersAndEmptiesWhenItIsKilled() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = Fixtures.transport(Fixtures.spec("grandchild.sh", "wait").build());
        transport.start(listener);
        long grandchild = Long.parseLong(listener.nextMessage().replaceAll("\\D", ""));
        ProcessIdentity leader = ProcessIdentity.of(transport.pid().orElseThrow()).orElseThrow();
        ProcessGroup group = ProcessGroup.ledBy(leader).orElseThrow();

        assertThat(group.id()).isEqualTo(leader.pid());
        assertThat(group.members()).contains(leader.pid(), grandchild);
        assertThat(group.isAlive()).isTrue();

        assertThat(group.signal(9)).isTrue();

        listener.awaitEnd();
        ProcessCheck.assertNothingLeft(leader);
        assertThat(ProcessGroup.ledBy(leader)).as("nothing left to lead").isEmpty();
    }

    @Test
    void signallingAGroupWithNoMemberLeftSaysSo() throws Exception {
        RecordingListener listener = new RecordingListener();
        StdioTransport transport = Fixtures.transport(Fixtures.spec("echo.sh").build());
        transport.start(listener);
        ProcessGroup group = ProcessGroup.of(transport.pid().orElseThrow());
        transport.close(java.time.Duration.ofSeconds(5));
        listener.awaitEnd();

        assertThat(group.signal(0)).isFalse();
        assertThat(group.members()).isEqualTo(List.of());
    }

    @Test
    void refusesTheGroupIdsThatMeanEveryoneOrOurselves() {
        assertThatThrownBy(() -> ProcessGroup.of(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessGroup.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessGroup.of(-5)).isInstanceOf(IllegalArgumentException.class);
    }
}
