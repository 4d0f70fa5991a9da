package io.docketsync.activity.persistence;

import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Permission;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user of a firm with their permissions, as settings-service last published them. */
@Entity
@Table(name = "firm_user")
public class FirmUserEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "display_name")
    public String displayName;
    public String email;
    public boolean admin;
    @Enumerated(EnumType.STRING)
    @Column(name = "edit_permission")
    public Permission editPermission;
    @Enumerated(EnumType.STRING)
    @Column(name = "delete_permission")
    public Permission deletePermission;
    public boolean active;

    public static String key(String firmId, String userId) {
        return firmId + "/" + userId;
    }

    public static FirmUserEntity of(String firmId, FirmUser u) {
        FirmUserEntity e = new FirmUserEntity();
        e.id = key(firmId, u.userId());
        e.firmId = firmId;
        e.userId = u.userId();
        e.set(u);
        return e;
    }

    /** The user's name, address, permissions and standing as published (a managed row is updated only if changed). */
    public void set(FirmUser u) {
        displayName = u.displayName();
        email = u.email();
        admin = u.admin();
        editPermission = u.edit() == null ? Permission.NONE : u.edit();
        deletePermission = u.delete() == null ? Permission.NONE : u.delete();
        active = u.active();
    }
}
