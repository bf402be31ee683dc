import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One uploaded side of an identity document; the image only sealed (AES-256-GCM, context = id + side). */
@Entity({ name: 'document_scans' })
@Index('idx_document_scans_application', ['applicationId'])
export class DocumentScanEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 8 })
  side!: 'front' | 'back';

  @Column({ name: 'sealed_image', type: 'longblob' })
  sealedImage!: Buffer;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
