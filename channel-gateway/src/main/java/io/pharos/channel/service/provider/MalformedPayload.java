package io.pharos.channel.service.provider;

/**
 * A signed provider payload that is not what the provider documents (a field of the wrong JSON
 * type, a missing id, a time that is not a number): the webhook answers 400 and takes nothing in.
 */
public class MalformedPayload extends RuntimeException {

    public MalformedPayload(String message) {
        super(message);
    }
}
