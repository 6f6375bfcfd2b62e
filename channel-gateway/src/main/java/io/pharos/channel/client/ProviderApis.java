package io.pharos.channel.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The providers' send APIs, as REST clients (base URLs in {@code quarkus.rest-client.<name>.url}). */
public final class ProviderApis {

    private ProviderApis() {
    }

    /** Meta Graph API: WhatsApp Cloud API, Messenger and Instagram messaging. */
    @RegisterRestClient(configKey = "meta")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface Meta {
        @POST
        @Path("/{phoneNumberId}/messages")
        Uni<JsonNode> whatsapp(@PathParam("phoneNumberId") String phoneNumberId, @HeaderParam("Authorization") String bearer,
                JsonNode message);

        /** WhatsApp: uploads a file ({@code messaging_product}, {@code file}, {@code type}) and answers its media {@code id}. */
        @POST
        @Path("/{phoneNumberId}/media")
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        Uni<JsonNode> whatsappMedia(@PathParam("phoneNumberId") String phoneNumberId, @HeaderParam("Authorization") String bearer,
                ClientMultipartForm upload);

        @POST
        @Path("/me/messages")
        Uni<JsonNode> messenger(@QueryParam("access_token") String accessToken, JsonNode message);

        /** Messenger: a message whose attachment is uploaded with it ({@code recipient}, {@code message}, {@code filedata}). */
        @POST
        @Path("/me/messages")
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        Uni<JsonNode> messengerUpload(@QueryParam("access_token") String accessToken, ClientMultipartForm message);

        /** WhatsApp Business Management API: submit a message template for review. */
        @POST
        @Path("/{wabaId}/message_templates")
        Uni<JsonNode> createTemplate(@PathParam("wabaId") String wabaId, @HeaderParam("Authorization") String bearer, JsonNode template);

        /** One page of the account's message templates ({@code after}: the previous page's {@code paging.cursors.after}). */
        @GET
        @Path("/{wabaId}/message_templates")
        Uni<JsonNode> templates(@PathParam("wabaId") String wabaId, @HeaderParam("Authorization") String bearer,
                @QueryParam("fields") String fields, @QueryParam("limit") int limit, @QueryParam("after") String after);

        /** Deletes a template by name and id (only that language's version). */
        @DELETE
        @Path("/{wabaId}/message_templates")
        Uni<JsonNode> deleteTemplate(@PathParam("wabaId") String wabaId, @HeaderParam("Authorization") String bearer,
                @QueryParam("name") String name, @QueryParam("hsm_id") String hsmId);
    }

    /** Twilio Programmable Messaging. */
    @RegisterRestClient(configKey = "twilio")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Twilio {
        @POST
        @Path("/2010-04-01/Accounts/{accountSid}/Messages.json")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        Uni<JsonNode> send(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String basic,
                @FormParam("To") String to, @FormParam("From") String from, @FormParam("Body") String body);

        /** The same endpoint with any form: an MMS repeats {@code MediaUrl} once per file. */
        @POST
        @Path("/2010-04-01/Accounts/{accountSid}/Messages.json")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        Uni<JsonNode> send(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String basic,
                MultivaluedMap<String, String> form);
    }

    /** Telegram Bot API. */
    @RegisterRestClient(configKey = "telegram")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface Telegram {
        @POST
        @Path("/bot{token}/sendMessage")
        Uni<JsonNode> send(@PathParam("token") String token, JsonNode message);

        /** sendPhoto, sendDocument, sendAudio, sendVoice or sendVideo with the file uploaded in the request. */
        @POST
        @Path("/bot{token}/{method}")
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        Uni<JsonNode> sendFile(@PathParam("token") String token, @PathParam("method") String method, ClientMultipartForm message);
    }
}
