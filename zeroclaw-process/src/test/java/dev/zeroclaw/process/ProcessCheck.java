package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What a user would check with ps after a server is gone. */
final class ProcessCheck {

    private ProcessCheck() {}

    /**
     * The leader is reaped (not even a zombie), and nothing in its process group runs any more.
     *
     * <p>A killed grandchild is re-parented to init, whose job it is to reap it. This machine's
     * init ({@code process_api}) does not reap orphans, so such a grandchild stays a zombie whose
     * parent is pid 1: that is dead, and not the daemon's to reap, and is accepted here.
     */
    static void assertNothingLeft(ProcessIdentity leader) {
        assertThat(leader.exists()).as("leader %s still in the process table (a zombie?)", leader.pid()).isFalse();
        ProcessGroup group = ProcessGroup.of(leader.pid());
        Eventually.until("no member of process group " + leader.pid() + " runs", () -> !group.isAlive(),
                () -> members(group).toString());
        assertThat(members(group)).as("members of process group %s left behind", leader.pid())
                .allSatisfy(stat -> {
                    assertThat(stat.isZombie()).as("%s is dead", stat).isTrue();
                    assertThat(stat.parentPid()).as("%s is init's to reap", stat).isEqualTo(1);
                });
    }

    static List<ProcessStat> members(ProcessGroup group) {
        return group.members().stream().map(ProcessStat::read).flatMap(java.util.Optional::stream).toList();
    }
}
