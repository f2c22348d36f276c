package io.batchsend.template;

/**
 * A rendered request header.
 *
 * @param name the header name
 * @param value the value to send
 * @param displayValue the value to show: {@code ***} for secrets
 */
public record Header(String name, String value, String displayValue) {}
