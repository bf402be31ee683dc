import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A CA of our hierarchy (root or issuing): its certificate and its sealed private key. */
@Entity('ca_authorities')
export class CaAuthorityEntity {
  /** 'root' or 'issuing'. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  name!: string;

  @Column({ name: 'certificate_der', type: 'blob' })
  certificateDer!: Buffer;

  /** PKCS#8 private key sealed with SealedBox under context `ca:<name>`. */
  @Column({ name: 'sealed_private_key', type: 'blob' })
  sealedPrivateKey!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
