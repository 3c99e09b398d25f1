package dev.zeroclaw.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code zeroclaw logs} and {@code events} as a terminal shows them, and {@code status}'s last stderr line. */
class StreamTextTest {

    @Test
    void aLogLineShowsTimeServerAndPidOrTheInstanceWithoutOne() throws IOException {
        assertThat(LogText.line(tree("{'time':'2026-11-30T22:00:00Z','type':'stderr','server':'fs','instance':3,'pid':4242,'line':'hello'}")))
                .isEqualTo("2026-11-30T22:00:00Z fs[4242] hello");
        assertThat(LogText.line(tree("{'time':'2026-11-30T22:00:00Z','type':'stderr','server':'web','instance':3,'pid':null,'line':'hello'}")))
                .isEqualTo("2026-11-30T22:00:00Z web#3 hello");
        assertThat(LogText.line(tree("{'time':'2026-11-30T22:00:00Z','type':'instance_started','server':'fs','instance':3,'pid':4242}")))
                .isEqualTo("--- fs instance 3 pid 4242 started 2026-11-30T22:00:00Z");
        assertThat(LogText.line(tree("{'time':'2026-11-30T22:00:00Z','type':'dropped','count':12}")))
                .startsWith("--- [zeroclaw: 12 lines dropped here");
    }

    @Test
    void anEventIsOneReadableLine() throws IOException {
        assertThat(EventText.line(tree("{'time':'T','type':'server_state','server':'fs','state':'BACKOFF','previous':'READY','pid':null,'error':'exited 3'}")))
                .isEqualTo("T server fs BACKOFF (was READY): exited 3");
        assertThat(EventText.line(tree("{'time':'T','type':'reload','report':{'id':7,'trigger':'sighup','ok':true,'duration_ms':3.5,'added':['a'], 'removed':[],'restarted':[{'name':'b','fields':['args']}],'updated':[],'unchanged':['c','d'], 'failed':[{'name':'a','error':'no answer'}],'errors':[]}}")))
                .isEqualTo("T reload 7 (sighup) applied, some servers failed in 3.5 ms: added=1 removed=0 restarted=1 updated=0 "
                        + "unchanged=2 failed=1; a: no answer");
        assertThat(EventText.line(tree("{'time':'T','type':'reload','report':{'id':8,'trigger':'control','ok':false,'errors':[{'message':'x'}]}}")))
                .isEqualTo("T reload 8 (control) refused: the config is invalid (1 errors); nothing was touched");
        assertThat(EventText.line(tree("{'time':'T','type':'session_opened','session':'1a2b3c4d','client':'claude-code'}")))
                .isEqualTo("T session 1a2b3c4d opened (client \"claude-code\")");
        assertThat(EventText.line(tree("{'time':'T','type':'list_changed','server':'fs','list':'tools'}")))
                .isEqualTo("T list changed: fs tools");
    }

    @Test
    void statusShowsAFailedServersLastStderrLineUnderTheTable() throws IOException {
        String table = StatusTable.render(tree("{'ok':true,'pid':1,'config':'c','config_sha256':'s','uptime_ms':0,'servers':[ {'name':'fs','transport':'stdio','state':'READY','pid':2,'uptime_ms':1,'restarts':0,'tools':1, 'last_error':null,'last_stderr':null}, {'name':'gh','transport':'stdio','state':'FAILED','pid':null,'uptime_ms':0,'restarts':5,'tools':0, 'last_error':'exited with status 1','last_stderr':{'time':'T','line':'Error: GITHUB_TOKEN is not set'}}]}"));

        assertThat(table).endsWith("stderr gh (T): Error: GITHUB_TOKEN is not set\n").doesNotContain("stderr fs");
    }

    /** A JSON text written with single quotes, for legibility. */
    private static JsonTree tree(String singleQuoted) throws IOException {
        return JsonTree.parse(singleQuoted.replace('\'', '"'));
    }
}
