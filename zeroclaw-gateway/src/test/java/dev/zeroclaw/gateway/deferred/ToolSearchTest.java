package dev.zeroclaw.gateway.deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<JsonNode> TOOLS = List.of(
            tool("everything__echo", "Echoes back the input"),
            tool("everything__getTinyImage", "Returns the MCP_TINY_IMAGE"),
            tool("everything__printEnv", "Prints all environment variables, helpful for debugging"),
            tool("github__get_issue", "Get an issue of a repository"),
            tool("github__get_pull_request", "Get a pull request"),
            tool("github__create_issue", "Create a new issue in a repository"),
            tool("files__read_file", "Read the complete contents of a file"));

    @Test
    void aGlobListsTheMatchingExposedNamesInListOrder() {
        assertThat(names(ToolSearch.search("github__*", TOOLS)))
                .containsExactly("github__get_issue", "github__get_pull_request", "github__create_issue");
        assertThat(names(ToolSearch.search("github__get_*", TOOLS))).containsExactly("github__get_issue", "github__get_pull_request");
        assertThat(names(ToolSearch.search("*_issue", TOOLS))).containsExactly("github__get_issue", "github__create_issue");
    }

    @Test
    void aGlobIsCaseSensitiveAndMayMatchNothing() {
        assertThat(ToolSearch.search("GitHub__*", TOOLS)).isEmpty();
    }

    @Test
    void aGlobWithTwoStarsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ToolSearch.search("*__get_*", TOOLS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most one");
    }

    @Test
    void anEmptyQueryIsRefused() {
        assertThatThrownBy(() -> ToolSearch.search("  ", TOOLS)).hasMessageContaining("query is empty");
    }

    @Test
    void theToolNamedByTheQueryComesFirst() {
        List<ToolSearch.Match> matches = ToolSearch.search("echo", TOOLS);
        assertThat(names(matches)).containsExactly("everything__echo");
        assertThat(matches.get(0).score()).isEqualTo(ToolSearch.NAME_WORD + ToolSearch.IN_DESCRIPTION + ToolSearch.WHOLE_NAME);
    }

    @Test
    void aWordOfTheNameOutranksAWordOfTheDescription() {
        // "issue" is a word of three names, and of two descriptions; "create" of one name and one description.
        assertThat(names(ToolSearch.search("create issue", TOOLS)))
                .containsExactly("github__create_issue", "github__get_issue");
    }

    @Test
    void camelCaseNamesAreSplitIntoWords() {
        assertThat(names(ToolSearch.search("tiny image", TOOLS))).containsExactly("everything__getTinyImage");
        assertThat(ToolSearch.words("getTinyImage")).containsExactly("get", "tiny", "image");
    }

    @Test
    void aTermFoundOnlyInADescriptionStillMatches() {
        assertThat(names(ToolSearch.search("debugging", TOOLS))).containsExactly("everything__printEnv");
        assertThat(names(ToolSearch.search("contents", TOOLS))).containsExactly("files__read_file");
    }

    @Test
    void equalScoresKeepListOrder() {
        assertThat(names(ToolSearch.search("get", TOOLS)))
                .containsExactly("github__get_issue", "github__get_pull_request", "everything__getTinyImage");
    }

    @Test
    void theWholeOwnNameOfATool() {
        assertThat(names(ToolSearch.search("read_file", TOOLS)).get(0)).isEqualTo("files__read_file");
        assertThat(ToolSearch.search("READ_FILE", TOOLS).get(0).score()).isGreaterThan(ToolSearch.WHOLE_NAME);
    }

    @Test
    void aQueryThatNothingHoldsFindsNothing() {
        assertThat(ToolSearch.search("kubernetes", TOOLS)).isEmpty();
    }

    private static JsonNode tool(String name, String description) {
        return JSON.createObjectNode().put("name", name).put("description", description);
    }

    private static List<String> names(List<ToolSearch.Match> matches) {
        return matches.stream().map(match -> match.tool().path("name").asText()).toList();
    }
}
