-- The one map's enterprise layer is cached per caller scope by the servers (shared/LayerCache). This
-- row is the cache's version: every transaction of the enterprise module that changes what the layer
-- shows (an enterprise registered, edited or imported, a major hazard source added or removed) raises it
-- in the same transaction (EnterpriseLayerVersion), so every instance sees the change at its next map
-- request. Only committed versions are visible, and a server reads the version before the rows, so a
-- cached layer never carries a version newer than its data.
create table enterprise_layer_version (
    id      int primary key check (id = 1),
    version bigint not null
);
insert into enterprise_layer_version (id, version) values (1, 1);
