import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Application } from '@app/models';
import { ApplicationTokenGuard } from '../applications/application-token.guard';
import { BiometricUploadsController } from './biometric-uploads.controller';
import { BiometricUploadsService } from './biometric-uploads.service';

@Module({
  imports: [TypeOrmModule.forFeature([Application])],
  controllers: [BiometricUploadsController],
  providers: [BiometricUploadsService, ApplicationTokenGuard],
})
export class BiometricUploadsModule {}
