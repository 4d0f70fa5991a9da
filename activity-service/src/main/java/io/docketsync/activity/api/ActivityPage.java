package io.docketsync.activity.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ActivityPage", description = "One page of activities, ordered by start")
public record ActivityPage(List<ActivityView> items, int page, int size, long total) {
}
