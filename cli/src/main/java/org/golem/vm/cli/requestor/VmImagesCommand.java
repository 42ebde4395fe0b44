package org.golem.vm.cli.requestor;

import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.requestor.ProviderImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem vm images --provider-id ID [--json]}: {@code GET /api/v1/providers/{provider_id}/images}, the images
 * a provider offers now (read by the requestor service from the provider's own {@code /provider/info}; a
 * {@code golem vm create --image NAME} is checked against the same list before any money moves).
 *
 * <p>JSON: the service's {@code {"provider_id": ..., "images": [...]}}. Text: a table with name, OS, size, login
 * user, boot style and whether the image takes cloud-init user-data.
 */
@Command(name = "images", description = "List the images a provider offers (for golem vm create --image NAME).")
final class VmImagesCommand extends BaseCommand {

    @Option(names = "--provider-id", required = true, paramLabel = "ID",
            description = "The provider's address (see golem vm providers).")
    String providerId;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        ProviderImages body = api().providerImages(providerId);
        if (output.json()) {
            printJson(body);
            return 0;
        }
        if (body.images().isEmpty()) {
            out().println("Provider " + body.providerId() + " offers no image.");
            return 0;
        }
        TextTable t = new TextTable("Name", "OS", "Size (MiB)", "Login", "Boot", "User-data").alignRight(2);
        for (ImageInfo i : body.images()) {
            t.row(i.name(), i.os(), i.sizeMib(), i.loginUser(), i.boot(), i.userData() ? "yes" : "no");
        }
        out().println("Images of provider " + body.providerId() + " (" + t.size() + "):");
        t.print(out());
        out().println("Create a VM from one: golem vm create NAME --provider-id " + body.providerId()
                + " --image IMAGE ...");
        return 0;
    }
}
