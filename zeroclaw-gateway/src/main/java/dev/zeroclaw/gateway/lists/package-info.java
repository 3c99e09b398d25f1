/**
 * The gateway's lists: the union of the READY servers' lists, its pages and cursors, the cache of
 * what each instance listed, and the notifications that tell clients a list changed (with the
 * other server notifications, routed onward). Uses {@code routing}, {@code relay} and {@code session}.
 */
package dev.zeroclaw.gateway.lists;
