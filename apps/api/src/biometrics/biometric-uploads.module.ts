import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { BiometricUploadsController } from './biometric-uploads.controller';
import { BiometricUploadsService } from './biometric-uploads.service';

@Module({
  imports: [ApplicationsModule],
  controllers: [BiometricUploadsController],
  providers: [BiometricUploadsService],
})
export class BiometricUploadsModule {}
