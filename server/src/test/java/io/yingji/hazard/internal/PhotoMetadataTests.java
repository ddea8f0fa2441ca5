package io.yingji.hazard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoMetadataTests {

    private static byte[] image(String format) throws Exception {
        BufferedImage picture = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 1, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, format, out);
        return out.toByteArray();
    }

    /** Puts a segment (JPEG) right after SOI. */
    private static byte[] withJpegSegment(byte[] jpeg, int marker, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xFF);
        out.write(data, 0, data.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void aJpegLosesItsExifAndCommentsButStaysTheSamePicture() throws Exception {
        byte[] plain = image("jpg");
        byte[] tagged = withJpegSegment(withJpegSegment(plain, 0xE1, "Exif\0\0GPS 30.28N 120.16E iPhone"), 0xFE, "家住大塘巷");
        byte[] stripped = PhotoMetadata.strip(tagged, "image/jpeg");
        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("GPS", "iPhone");
        assertThat(stripped).isEqualTo(plain);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(stripped));
        assertThat(back.getWidth()).isEqualTo(4);
    }

    @Test
    void aPngLosesItsTextChunks() throws Exception {
        byte[] plain = image("png");
        // a tEXt chunk after the 8-byte signature and the 25-byte IHDR chunk (the CRC is not checked by the stripper)
        byte[] text = "Comment\0GPS 30.28N".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(plain, 0, 33);
        tagged.write(new byte[] {0, 0, 0, (byte) text.length});
        tagged.write("tEXt".getBytes(StandardCharsets.US_ASCII));
        tagged.write(text);
        tagged.write(new byte[] {0, 0, 0, 0});
        tagged.write(plain, 33, plain.length - 33);
        byte[] stripped = PhotoMetadata.strip(tagged.toByteArray(), "image/png");
        assertThat(stripped).isEqualTo(plain);
    }

    @Test
    void whatItCannotWalkComesBackUnchanged() {
        byte[] odd = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x00};
        assertThat(PhotoMetadata.strip(odd, "image/jpeg")).isEqualTo(odd);
        byte[] pdf = "%PDF-1.4".getBytes(StandardCharsets.US_ASCII);
        assertThat(PhotoMetadata.strip(pdf, "application/pdf")).isSameAs(pdf);
    }
}
