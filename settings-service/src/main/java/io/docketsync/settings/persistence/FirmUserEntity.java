package io.docketsync.settings.persistence;

import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Permission;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "firm_user")
public class FirmUserEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key id;
    @Column(name = "display_name")
    public String displayName;
    public String email;
    public boolean admin;
    @Enumerated(EnumType.STRING)
    @Column(name = "edit_permission")
    public Permission editPermission = Permission.OWN;
    @Enumerated(EnumType.STRING)
    @Column(name = "delete_permission")
    public Permission deletePermission = Permission.OWN;
    public boolean active = true;

    public FirmUser toContract() {
        return new FirmUser(id.userId, displayName, email, admin, editPermission, deletePermission, active);
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "firm_id")
        public String firmId;
        @Column(name = "user_id")
        public String userId;

        public Key() {
        }

        public Key(String firmId, String userId) {
            this.firmId = firmId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(firmId, k.firmId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(firmId, userId);
        }
    }
}
