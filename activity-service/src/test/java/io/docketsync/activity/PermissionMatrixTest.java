package io.docketsync.activity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ANY / OWN / NONE × edit / delete × the caller's own activity / another's, with permissions from the topic. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class PermissionMatrixTest {
    private static final String EVERYONE = TestFirm.appointment("alice", "bob", "carol", "dave");
    private TestFirm firm;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    @ParameterizedTest(name = "{0} ({1}) edits an activity created by {2}: {3}")
    @CsvSource({
        "alice, ANY,  alice, 200",
        "alice, ANY,  dave,  200",
        "bob,   OWN,  bob,   200",
        "bob,   OWN,  dave,  403",
        "carol, NONE, carol, 403",
        "carol, NONE, dave,  403",
    })
    void editing(String user, String permission, String creator, int status) {
        String id = firm.create(creator, EVERYONE);
        var put = firm.as(user).body(EVERYONE.replace("Deposition", "Edited")).when().put("/activities/" + id).then()
                .statusCode(status);
        var patch = firm.as(user).body("{\"location\":\"Court 1\"}").when().patch("/activities/" + id).then()
                .statusCode(status);
        if (status == 403) {
            put.contentType("application/problem+json").body("detail", containsString("edit permission " + permission));
            patch.body("detail", containsString("'" + user + "'"));
            firm.as(user).when().get("/activities/" + id).then().body("version", equalTo(0)).body("canEdit", equalTo(false));
        } else {
            firm.as(user).when().get("/activities/" + id).then().body("subject", equalTo("Edited"))
                    .body("location", equalTo("Court 1")).body("canEdit", equalTo(true));
        }
    }

    @ParameterizedTest(name = "{0} ({1}) deletes an activity created by {2}: {3}")
    @CsvSource({
        "alice, ANY,  alice, 204",
        "alice, ANY,  dave,  204",
        "bob,   OWN,  bob,   204",
        "bob,   OWN,  dave,  403",
        "carol, NONE, carol, 403",
        "carol, NONE, dave,  403",
    })
    void deleting(String user, String permission, String creator, int status) {
        String id = firm.create(creator, EVERYONE);
        var answer = firm.as(user).when().delete("/activities/" + id).then().statusCode(status);
        if (status == 403) {
            answer.contentType("application/problem+json").body("detail", containsString("delete permission " + permission));
            firm.as(user).when().get("/activities/" + id).then().statusCode(200).body("canDelete", equalTo(false));
        } else {
            firm.as(user).when().get("/activities/" + id).then().statusCode(404);
        }
    }

    @Test
    void ownAlsoCoversWhatTheUserOrganizes() {
        String id = firm.create("dave", EVERYONE.replace("}", ",\"organizerId\":\"bob\"}"));
        firm.as("bob").when().get("/activities/" + id).then().body("canEdit", equalTo(true)).body("canDelete", equalTo(true));
        firm.as("bob").body("{\"subject\":\"Bob's now\"}").when().patch("/activities/" + id).then().statusCode(200);
        firm.as("bob").when().delete("/activities/" + id).then().statusCode(204);
    }

    @Test
    void aUserTheFirmDoesNotListMayCreateNothingForOthersAndChangeNothing() {
        String id = firm.create("alice", EVERYONE);
        firm.as("mallory").body("{\"subject\":\"x\"}").when().patch("/activities/" + id).then().statusCode(403)
                .body("detail", containsString("not a user of this firm"));
        firm.as("mallory").when().delete("/activities/" + id).then().statusCode(403);
        firm.as("mallory").when().get("/me").then().statusCode(200).body("known", equalTo(false))
                .body("edit", equalTo("NONE")).body("delete", equalTo("NONE"));
    }
}
