package io.pharos.ticket.api;

/** A location the customer shared; a place's name and address when the channel gives them. */
public record LocationDto(double latitude, double longitude, String name, String address) {
}
