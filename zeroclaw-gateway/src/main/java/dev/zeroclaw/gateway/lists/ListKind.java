package dev.zeroclaw.gateway.lists;

/** The lists a client can page through, and how each one names its entries. */
public enum ListKind {
    TOOLS("tools/list", "tools", "name", "tools", "notifications/tools/list_changed"),
    RESOURCES("resources/list", "resources", "uri", "resources", "notifications/resources/list_changed"),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "uriTemplate", "resources",
            "notifications/resources/list_changed"),
    PROMPTS("prompts/list", "prompts", "name", "prompts", "notifications/prompts/list_changed");

    private final String method;
    private final String field;
    private final String key;
    private final String capability;
    private final String changed;

    ListKind(String method, String field, String key, String capability, String changed) {
        this.method = method;
        this.field = field;
        this.key = key;
        this.capability = capability;
        this.changed = changed;
    }

    /** The list method, e.g. {@code tools/list}. */
    String method() {
        return method;
    }

    /** The result's array, e.g. {@code tools}. */
    String field() {
        return field;
    }

    /** The entry's identifying member that the gateway namespaces: {@code name}, {@code uri}, {@code uriTemplate}. */
    String key() {
        return key;
    }

    /** The server capability that offers this list. */
    String capability() {
        return capability;
    }

    /** The notification that says this list changed. */
    String changedNotification() {
        return changed;
    }

    boolean namedByUri() {
        return this == RESOURCES || this == RESOURCE_TEMPLATES;
    }
}
