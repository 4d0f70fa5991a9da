package io.docketsync.activity.api;

import io.docketsync.contracts.ActivityKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/** What a front end sends to create an activity. {@code pushToOffice365} null takes the firm's default. */
public record ActivityRequest(
        @NotNull ActivityKind kind,
        @NotBlank @Size(max = 255) String subject,
        @Size(max = 32_000) String body,
        @Size(max = 255) String location,
        LocalDateTime start,
        LocalDateTime end,
        boolean allDay,
        LocalDate dueDate,
        LocalTime dueTime,
        @NotBlank String timeZone,
        @NotEmpty List<@NotBlank String> scheduledFor,
        String organizerId,
        Boolean pushToOffice365) {
}
