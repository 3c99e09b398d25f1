package dev.zeroclaw.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExposedNamesTest {

    private static final String SEVENTY = "a_tool_name_that_goes_on_and_on_well_past_what_clients_accept_12345678";

    @Test
    void aNameClientsAcceptIsPrefixSeparatorName() {
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("fs")), Map.of("fs", List.of("read_file", "list-dir")));

        assertThat(names.exposed("fs", "read_file")).isEqualTo("fs__read_file");
        assertThat(names.exposed("fs", "list-dir")).isEqualTo("fs__list-dir");
        assertThat(names.original("fs__read_file")).contains(new ExposedNames.Original("fs", "read_file"));
        assertThat(names.renamed("fs")).isEmpty();
    }

    @Test
    void aServerNamedLikeAHostGetsAValidPrefix() {
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("github.com")), Map.of("github.com", List.of("get_issue")));

        assertThat(names.exposed("github.com", "get_issue")).isEqualTo("github_com__get_issue");
        assertThat(names.original("github_com__get_issue")).contains(new ExposedNames.Original("github.com", "get_issue"));
    }

    @Test
    void otherCharactersInTheToolsOwnNameBecomeUnderscores() {
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("s")), Map.of("s", List.of("files.read", "über tool")));

        assertThat(names.exposed("s", "files.read")).isEqualTo("s__files_read");
        assertThat(names.exposed("s", "über tool")).isEqualTo("s___ber_tool");
        assertThat(names.renamed("s")).containsExactly(Map.entry("s__files_read", "files.read"), Map.entry("s___ber_tool", "über tool"));
        assertThat(names.original("s__files_read")).contains(new ExposedNames.Original("s", "files.read"));
    }

    @Test
    void aSeventyCharacterNameIsCutWithAHashOfTheFullName() {
        assertThat(SEVENTY).hasSize(70);
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("fixture")), Map.of("fixture", List.of(SEVENTY)));

        String exposed = names.exposed("fixture", SEVENTY);
        assertThat(exposed).hasSize(64)
                .startsWith(("fixture__" + SEVENTY).substring(0, 57))
                .endsWith("_" + ServerPrefixes.shortHash("fixture__" + SEVENTY));
        assertThat(ExposedNames.valid(exposed)).isTrue();
        assertThat(names.original(exposed)).contains(new ExposedNames.Original("fixture", SEVENTY));
        assertThat(names.renamed("fixture")).containsExactly(Map.entry(exposed, SEVENTY));
    }

    @Test
    void namesEqualIgnoringCaseAfterSanitisingBothGetDistinctSuffixes() {
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("s")), Map.of("s", List.of("a.b", "a_b", "A_B", "other")));

        String dotted = names.exposed("s", "a.b");
        String underscored = names.exposed("s", "a_b");
        String upper = names.exposed("s", "A_B");
        assertThat(List.of(dotted, underscored, upper)).allMatch(name -> name.matches("s__[aA]_[bB]_[0-9a-f]{6}"));
        assertThat(List.of(dotted, underscored, upper).stream().map(ServerPrefixes::asciiLowerCase).distinct()).hasSize(3);
        assertThat(names.exposed("s", "other")).isEqualTo("s__other");
        assertThat(names.original(underscored)).contains(new ExposedNames.Original("s", "a_b"));
    }

    @Test
    void namesOfTwoServersThatMeetAfterPrefixingAreKeptApart() {
        // "a_" + "__" + "x" and "a" + "__" + "_x" are both "a___x".
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("a.", "a")), ordered("a.", List.of("x"), "a", List.of("_x")));

        assertThat(names.exposed("a.", "x")).isNotEqualTo(names.exposed("a", "_x"));
        assertThat(names.all().values()).allMatch(ExposedNames::valid);
        assertThat(names.original(names.exposed("a", "_x"))).contains(new ExposedNames.Original("a", "_x"));
    }

    @Test
    void theSameServersAndNamesGiveTheSameTableEveryTime() {
        ServerPrefixes prefixes = ServerPrefixes.of(List.of("github.com", "fixture"));
        Map<String, List<String>> tools = ordered("github.com", List.of("x.y", "x_y"), "fixture", List.of(SEVENTY, "echo"));

        ExposedNames first = ExposedNames.of(prefixes, tools);
        ExposedNames second = ExposedNames.of(ServerPrefixes.of(List.of("github.com", "fixture")), tools);

        assertThat(second.all()).isEqualTo(first.all());
        assertThat(first.all().values()).allMatch(ExposedNames::valid).doesNotHaveDuplicates();
    }

    @Test
    void aToolPrefixStandsForTheServersName() {
        ServerPrefixes prefixes = ServerPrefixes.of(List.of("github.com"), Map.of("github.com", "gh"));
        ExposedNames names = ExposedNames.of(prefixes, Map.of("github.com", List.of("get_issue")));

        assertThat(names.exposed("github.com", "get_issue")).isEqualTo("gh__get_issue");
        assertThat(names.original("gh__get_issue")).contains(new ExposedNames.Original("github.com", "get_issue"));
    }

    @Test
    void anEmptyOrAbsurdNameStillGetsAValidOne() {
        String longServer = "s".repeat(100);
        ExposedNames names = ExposedNames.of(ServerPrefixes.of(List.of("s", longServer)),
                ordered("s", List.of("", "日本語"), longServer, List.of("t")));

        assertThat(names.all().values()).allMatch(ExposedNames::valid).doesNotHaveDuplicates();
    }

    @Test
    void toolPrefixRule() {
        assertThat(ServerPrefixes.toolPrefixProblem("gh")).isEmpty();
        assertThat(ServerPrefixes.toolPrefixProblem("my_git-hub2")).isEmpty();
        assertThat(ServerPrefixes.toolPrefixProblem("a__b")).get().asString().contains("single '_'");
        assertThat(ServerPrefixes.toolPrefixProblem("gh_")).isPresent();
        assertThat(ServerPrefixes.toolPrefixProblem("git.hub")).isPresent();
        assertThat(ServerPrefixes.toolPrefixProblem("")).get().asString().contains("1 to 32");
        assertThat(ServerPrefixes.toolPrefixProblem("x".repeat(33))).isPresent();
    }

    private static Map<String, List<String>> ordered(String server1, List<String> names1, String server2, List<String> names2) {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        ordered.put(server1, names1);
        ordered.put(server2, names2);
        return ordered;
    }
}
