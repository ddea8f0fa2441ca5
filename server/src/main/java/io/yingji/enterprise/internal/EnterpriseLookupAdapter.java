package io.yingji.enterprise.internal;

import io.yingji.enterprise.Enterprise;
import io.yingji.identity.EnterpriseLookup;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
class EnterpriseLookupAdapter implements EnterpriseLookup {

    private final EnterpriseRepository enterprises;

    EnterpriseLookupAdapter(EnterpriseRepository enterprises) {
        this.enterprises = enterprises;
    }

    @Override
    public Optional<String> regionOfVisible(long enterpriseId) {
        return enterprises.findVisible(enterpriseId).map(Enterprise::regionCode);
    }
}
